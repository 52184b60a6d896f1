import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.alloc(4);
  if (length >= 126) {
    if (length > 0xffff) throw new Error('the fake Socket Mode server sends frames under 64 KB');
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  }
  return Buffer.concat([head, payload]);
}

/** Reads the client's (masked) frames from a buffer; returns the frames read and what is left over. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = (buffer[offset] ?? 0) & 0x0f;
    let length = (buffer[offset + 1] ?? 0) & 0x7f;
    let at = offset + 2;
    if (length === 126) {
      if (buffer.length < at + 2) break;
      length = buffer.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      if (buffer.length < at + 8) break;
      length = Number(buffer.readBigUInt64BE(at));
      at += 8;
    }
    if (buffer.length < at + 4 + length) break;
    const mask = buffer.subarray(at, at + 4);
    const payload = Buffer.from(buffer.subarray(at + 4, at + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    frames.push({ opcode, payload });
    offset = at + 4 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint (enough of RFC 6455 for text, ping and close):
 * it greets each connection with `hello`, sends the envelopes a test gives it, and hands back the app's
 * acknowledgement of each.
 */
export class FakeSocketMode {
  private readonly events = new EventEmitter();
  private socket: Duplex | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSocketMode> {
    const server = createServer((_req, res) => res.writeHead(426).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeSocketMode(server, `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=test`);
    server.on('upgrade', (req, socket) => fake.accept(String(req.headers['sec-websocket-key']), socket));
    return fake;
  }

  private accept(key: string, socket: Duplex): void {
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.socket = socket;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = Buffer.from(rest);
      for (const f of frames) {
        if (f.opcode === 0x1) {
          const message = JSON.parse(f.payload.toString('utf8')) as Record<string, any>;
          this.events.emit('message', message);
        } else if (f.opcode === 0x9) {
          socket.write(frame(0xa, f.payload));
        } else if (f.opcode === 0x8) {
          socket.end(frame(0x8, f.payload));
        }
      }
    });
    socket.on('error', () => undefined);
    this.sendText({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0HAITIAPP' }, debug_info: { host: 'fake' } });
    this.events.emit('connected');
  }

  /** Resolves once the app has connected (and been greeted). */
  connected(): Promise<void> {
    if (this.socket) return Promise.resolve();
    return new Promise((resolve) => this.events.once('connected', () => resolve()));
  }

  private sendText(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /** Sends an envelope (slash_commands, events_api...) and resolves with the app's acknowledgement of it. */
  deliver(envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean }): Promise<Record<string, any>> {
    const acked = new Promise<Record<string, any>>((resolve) => {
      const onMessage = (message: Record<string, any>): void => {
        if (message.envelope_id !== envelope.envelope_id) return;
        this.events.off('message', onMessage);
        resolve(message);
      };
      this.events.on('message', onMessage);
    });
    this.sendText(envelope);
    return acked;
  }

  close(): Promise<void> {
    this.socket?.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
