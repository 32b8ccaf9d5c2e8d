export function App() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-950 px-6 text-slate-100">
      <div className="w-full max-w-xl space-y-6">
        <header className="space-y-2">
          <h1 className="font-mono text-4xl font-semibold tracking-tight text-sky-300">mcpscope</h1>
          <p className="text-lg text-slate-300">
            A protocol inspector and debugger for Model Context Protocol servers.
          </p>
        </header>
        <section className="space-y-3 rounded-lg border border-slate-800 bg-slate-900 p-5">
          <p>The inspector UI is coming in the next release. The CLI works today:</p>
          <pre className="overflow-x-auto rounded bg-slate-950 px-4 py-3 font-mono text-sm text-emerald-300">
            <code>npx mcpscope --help</code>
          </pre>
        </section>
      </div>
    </main>
  );
}
