// Placeholder while the sampling and elicitation dialogs are being written.
export function ServerRequestsHost() {
  return null;
}
