"""todaibieu: Trợ lý Tổ đại biểu, the chat assistant for HĐND delegate groups."""
