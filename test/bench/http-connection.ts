/**
 * One kept-alive HTTP/1.1 connection of a benchmark load client, spoken directly (as wrk or
 * autocannon do): node:http's client cost as much CPU per request as a third of the server's own
 * work, and the load shares the machine's two cores with the server and PostgreSQL.
 */
import { connect, type Socket } from 'node:net';

export interface Response {
  status: number;
  body: string;
}

/** One connection; requests go one at a time (each loop waits for its answer). */
export class Connection {
  readonly #socket: Socket;
  #buffer: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  #waiting: { resolve(r: Response): void; reject(e: Error): void } | undefined;

  constructor(url: URL) {
    this.#socket = connect(Number(url.port), url.hostname);
    this.#socket.setNoDelay(true);
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    this.#socket.on('error', (e) => this.#waiting?.reject(e));
    this.#socket.on('close', () => this.#waiting?.reject(new Error('connection closed')));
  }

  request(head: string, body: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(head + body);
    });
  }

  #parse(): void {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.#waiting) return;
    const head = this.#buffer.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.#waiting.reject(new Error(`response without content-length: ${head}`));
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.#buffer.length < total) return;
    const body = this.#buffer.toString('utf8', end + 4, total);
    this.#buffer = this.#buffer.subarray(total);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting.resolve({ status: Number(head.slice(9, 12)), body });
  }

  close(): void {
    this.#socket.end();
  }
}

