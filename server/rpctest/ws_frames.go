package rpctest

import "encoding/binary"

// WebSocket opcodes (RFC 6455 §5.2).
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
)

// maxTappedFrame stops the tap on a frame longer than the server would
// take (its read limit is far lower); the bytes still flow.
const maxTappedFrame = 1 << 20

// frameDecoder splits the client → server byte stream of a WebSocket into
// frames, unmasking them. It sees the bytes the server reads, in order.
type frameDecoder struct {
	buf     []byte
	message []byte // data of a fragmented message so far
	broken  bool
}

// frameEvents receives what the decoder finds.
type frameEvents struct {
	message func(data string) // a complete text or binary message
	ping    func()
	close   func(code int)
}

// feed adds bytes read from the client and reports each complete frame.
func (d *frameDecoder) feed(p []byte, on frameEvents) {
	if d.broken {
		return
	}
	d.buf = append(d.buf, p...)
	for {
		n, ok := d.next(on)
		if !ok {
			return
		}
		d.buf = d.buf[n:]
	}
}

// next decodes the frame at the start of buf: its length, or false when it
// is not all there yet.
func (d *frameDecoder) next(on frameEvents) (int, bool) {
	if len(d.buf) < 2 {
		return 0, false
	}
	fin, op := d.buf[0]&0x80 != 0, d.buf[0]&0x0f
	masked, size, head := d.buf[1]&0x80 != 0, uint64(d.buf[1]&0x7f), 2
	switch size {
	case 126:
		if len(d.buf) < 4 {
			return 0, false
		}
		size, head = uint64(binary.BigEndian.Uint16(d.buf[2:])), 4
	case 127:
		if len(d.buf) < 10 {
			return 0, false
		}
		size, head = binary.BigEndian.Uint64(d.buf[2:]), 10
	}
	if size > maxTappedFrame {
		d.broken, d.buf = true, nil
		return 0, false
	}
	var key []byte
	if masked {
		if len(d.buf) < head+4 {
			return 0, false
		}
		key, head = d.buf[head:head+4], head+4
	}
	end := head + int(size)
	if len(d.buf) < end {
		return 0, false
	}
	payload := append([]byte(nil), d.buf[head:end]...)
	for i := range payload {
		if key != nil {
			payload[i] ^= key[i%4]
		}
	}
	d.frame(fin, op, payload, on)
	return end, true
}

// frame handles one decoded frame.
func (d *frameDecoder) frame(fin bool, op byte, payload []byte, on frameEvents) {
	switch op {
	case opText, opBinary, opContinuation:
		d.message = append(d.message, payload...)
		if fin {
			on.message(string(d.message))
			d.message = nil
		}
	case opPing:
		on.ping()
	case opClose:
		code := 1005 // no status received
		if len(payload) >= 2 {
			code = int(binary.BigEndian.Uint16(payload))
		}
		on.close(code)
	}
}
