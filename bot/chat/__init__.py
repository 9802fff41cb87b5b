"""The neutral vocabulary every transport speaks: messages, the Messenger contract, send errors.

Nothing here imports anything of ours or any chat platform.
"""
