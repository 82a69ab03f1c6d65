// Entry point of the sessions screen, mounted by the app frame on the 'sessions' route.
export function SessionsPage() {
  return <section aria-label="Chat Sessions" />;
}
