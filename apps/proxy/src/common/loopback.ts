/** The loopback names a browser may use for a server of ours (the proxy, the mock), as `host:port`. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}
