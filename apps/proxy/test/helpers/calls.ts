/** One-shot flags for calls the replay and mock tests record and play again. */

/** `tools/call echo {message: "hi"}` */
export const ECHO_HI: readonly string[] = [
  '--method',
  'tools/call',
  '--tool-name',
  'echo',
  '--tool-arg',
  'message=hi',
];

/** A 1 s tool call that reports progress 4 times (server-everything). */
export const LONG_RUNNING_4_STEPS: readonly string[] = [
  '--method',
  'tools/call',
  '--tool-name',
  'trigger-long-running-operation',
  '--tool-arg',
  'duration=1',
  '--tool-arg',
  'steps=4',
];
