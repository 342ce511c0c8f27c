// Package action is what every front end of freqdeck shares about the
// actions an operator takes on a bot (DESIGN.md "Actions and safety"):
//
//   - Kind names them, as the audit log records them;
//   - Read sorts the answer of a call into an Outcome: done, refused (the
//     bot answered with its own error), not sent (the request never reached
//     it) or unknown (no answer, or an answer that does not say);
//   - Log is the audit log: Do writes the attempt, synced to disk, before
//     the call, and its result after it, under one request id;
//   - Registry, one per bot and shared by every console on that bot, refuses
//     an action while the same action on the same target is under way or
//     its outcome is unknown;
//   - Reconcile finds an unknown outcome from the bot's state.
//
// Boundary: action imports apiclient and nothing else of freqdeck, so the
// client command can use it without the console or the server.
package action
