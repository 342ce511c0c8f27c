package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// contentTypeJSON is the exact Content-Type of every JSON answer (no
// charset, as freqtrade's tests assert).
const contentTypeJSON = "application/json"

// marshalJSON encodes v. The fast path is json.Marshal; when v holds NaN or
// ±Inf (which encoding/json refuses), it falls back to the sanitising encoder
// that writes them as null, as freqtrade's orjson does.
func marshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err == nil {
		return b, nil
	}
	var uv *json.UnsupportedValueError
	if !errors.As(err, &uv) {
		return nil, fmt.Errorf("encode json: %w", err)
	}
	b, err = marshalSanitized(v)
	if err != nil {
		return nil, fmt.Errorf("encode json (sanitised): %w", err)
	}
	return b, nil
}

// maxPooledBuffer is the largest response buffer kept for reuse.
const maxPooledBuffer = 4 << 20

// writeJSON writes v with status and the exact JSON Content-Type. It encodes
// into a pooled buffer (responses such as /status are ~100 KB, so this
// saves an allocation and a copy per request), falling back to marshalJSON's
// sanitising path when v holds NaN or ±Inf. An encoding failure is logged
// and answered 500.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	buf, _ := s.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			s.bufs.Put(buf)
		}
	}()
	buf.Reset()
	// Encode writes nothing on error, and ends a success with "\n".
	if err := json.NewEncoder(buf).Encode(v); err == nil {
		writeRawJSON(w, status, bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return
	}
	b, err := marshalJSON(v)
	if err != nil {
		s.log.Error("server: encode response", "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"detail":"Internal Server Error"}`)
	}
	writeRawJSON(w, status, b)
}

// writeRawJSON writes an already encoded JSON body.
func writeRawJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = []string{contentTypeJSON}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
