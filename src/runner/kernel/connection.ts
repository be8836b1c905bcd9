/**
 * The connection file a kernel is started with (Jupyter client docs,
 * "Connection files"): five TCP ports on 127.0.0.1 only, a random 256-bit
 * HMAC key, in a file readable by this user only (0600) inside a private
 * temporary folder (0700) that is removed with the kernel.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The content of a connection file. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** A connection file on disk. */
export interface Connection {
  /** The private folder holding the file (mode 0700). */
  dir: string;
  /** The connection file (mode 0600). */
  file: string;
  info: ConnectionInfo;
  /** Deletes the folder and the file; safe to call twice. */
  remove(): void;
}

/** The only address the kernel's sockets bind to. */
export const LOOPBACK = "127.0.0.1";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `count` distinct free TCP ports on the loopback interface. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * Writes a fresh connection file.
 * @param kernelName recorded in the file (`kernel_name`)
 * @param pickPorts picks the five ports (default {@link freePorts})
 */
export async function createConnection(kernelName: string, pickPorts: (count: number) => Promise<number[]> = freePorts): Promise<Connection> {
  const [shell, iopub, stdin, control, hb] = (await pickPorts(5)) as [number, number, number, number, number];
  const info: ConnectionInfo = {
    transport: "tcp",
    ip: LOOPBACK,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
  const dir = mkdtempSync(join(tmpdir(), "tradeoff-lab-kernel-"));
  chmodSync(dir, 0o700);
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(info, null, 1), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return { dir, file, info, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
