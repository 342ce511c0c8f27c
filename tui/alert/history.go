package alert

// DefaultHistory is how many alerts the console's alert list keeps.
const DefaultHistory = 100

// History keeps the last alerts of the list channel, oldest first, in a
// ring of fixed size.
type History struct {
	ring  []Alert
	next  int // where the next alert goes
	count int
}

// NewHistory returns a History of size alerts (DefaultHistory if size < 1).
func NewHistory(size int) *History {
	if size < 1 {
		size = DefaultHistory
	}
	return &History{ring: make([]Alert, size)}
}

// Add keeps a, forgetting the oldest alert when full.
func (h *History) Add(a Alert) {
	h.ring[h.next] = a
	h.next = (h.next + 1) % len(h.ring)
	h.count = min(h.count+1, len(h.ring))
}

// Len is the number of alerts kept.
func (h *History) Len() int { return h.count }

// Items returns the alerts kept, newest first.
func (h *History) Items() []Alert {
	out := make([]Alert, 0, h.count)
	for i := 1; i <= h.count; i++ {
		out = append(out, h.ring[(h.next-i+len(h.ring))%len(h.ring)])
	}
	return out
}
