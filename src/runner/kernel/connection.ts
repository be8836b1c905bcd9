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

/** A port held open until `close()`. */
export interface PortProbe {
  readonly port: number;
  close(): Promise<void>;
}

/** A listening probe on a port the system chose, and that port. */
function probe(): Promise<PortProbe> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      if (typeof address !== "object" || address === null) return reject(new Error("no port"));
      resolve({ port: address.port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/**
 * Ports this process handed out for connection files that still exist
 * (until their `remove()`), as jupyter_client's LocalPortCache keeps them:
 * between a port's choice and its kernel's bind the port is free again, so
 * the system may give it to the next probe, and two kernels started at once
 * by this process were told the same port.
 */
const handedOut = new Set<number>();

/**
 * `count` distinct free TCP ports on the loopback interface, none of them
 * handed out by this process for a connection that still exists: the probes
 * stay open until all are chosen, as jupyter_client's do.
 * @param listen opens a probe on a free port (tests script it)
 */
export async function freePorts(count: number, listen: () => Promise<PortProbe> = probe): Promise<number[]> {
  const probes: PortProbe[] = [];
  const skipped: PortProbe[] = [];
  try {
    while (probes.length < count) {
      const next = await listen();
      (handedOut.has(next.port) || probes.some((p) => p.port === next.port) ? skipped : probes).push(next);
    }
    return probes.map((p) => p.port);
  } finally {
    await Promise.all([...probes, ...skipped].map((p) => p.close()));
  }
}

/**
 * Writes a fresh connection file.
 * @param kernelName recorded in the file (`kernel_name`)
 * @param pickPorts picks the five ports (default {@link freePorts})
 */
export async function createConnection(kernelName: string, pickPorts: (count: number) => Promise<number[]> = freePorts): Promise<Connection> {
  const ports = await pickPorts(5);
  const [shell, iopub, stdin, control, hb] = ports as [number, number, number, number, number];
  for (const port of ports) handedOut.add(port);
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
  let removed = false;
  const remove = (): void => {
    rmSync(dir, { recursive: true, force: true });
    if (!removed) for (const port of ports) handedOut.delete(port);
    removed = true;
  };
  return { dir, file, info, remove };
}
