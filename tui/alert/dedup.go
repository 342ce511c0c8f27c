package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// maxSeen bounds the events remembered for de-duplication; the oldest are
// forgotten first. A bot's events come back only shortly after they
// happened (a reconnect, two sources), so thousands is plenty.
const maxSeen = 4096

// seen remembers the events already alerted.
type seen struct {
	until map[string]time.Time // key → when it may be alerted again (zero: never)
	order []string             // keys, oldest first, for eviction
}

func newSeen() *seen { return &seen{until: map[string]time.Time{}} }

// first reports whether key is new at now, and remembers it: for good, or
// until now+ttl when ttl > 0.
func (s *seen) first(key string, now time.Time, ttl time.Duration) bool {
	until, known := s.until[key]
	if known && (until.IsZero() || now.Before(until)) {
		return false
	}
	if !known {
		s.order = append(s.order, key)
	}
	until = time.Time{}
	if ttl > 0 {
		until = now.Add(ttl)
	}
	s.until[key] = until
	if len(s.order) > maxSeen {
		delete(s.until, s.order[0])
		s.order = s.order[1:]
	}
	return true
}

// dedupKey identifies ev of bot: by its key, or by a hash of its text.
func dedupKey(bot string, ev Event) string {
	id := ev.Key
	if id == "" {
		sum := sha256.Sum256([]byte(ev.Title + "\x00" + ev.Body))
		id = "text:" + hex.EncodeToString(sum[:12])
	}
	return bot + "\x00" + ev.Kind.String() + "\x00" + id
}
