package sshdial

// KeepalivesAnswered counts the keepalive answers h has received.
func (h *Host) KeepalivesAnswered() int64 { return h.answered.Load() }
