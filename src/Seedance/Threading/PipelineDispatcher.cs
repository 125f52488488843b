namespace Seedance.Threading
{
    /// <summary>
    /// Runs asynchronous work while the pipeline thread performs every write the work asks for:
    /// PowerShell throws when WriteObject, WriteError, WriteProgress or WriteVerbose is called from another thread.
    /// </summary>
    internal sealed class PipelineDispatcher
    {
        // Actions for the pipeline thread, in order; a null marks the end of the work. The pipeline thread blocks on the
        // monitor without spinning: on a machine with few cores, spinning would take a core from the request it awaits.
        private readonly Queue<Action?> _pending = new();

        /// <summary>Queues an action for the pipeline thread; callable from any thread.</summary>
        public void Post(Action action) => Enqueue(action);

        /// <summary>
        /// Runs <paramref name="work"/> and performs its posted actions on this thread until it ends. The work starts on
        /// this thread (up to its first real wait: no thread hop, and the client it touches is made right here), and its
        /// continuations run on the thread pool. When a posted write throws, the pipeline is stopping (Select-Object
        /// -First has what it needs, -ErrorAction Stop, a failing command downstream): <paramref name="stop"/> cancels
        /// the work, which must not outlive the pipeline, and the exception goes on once the work has ended.
        /// </summary>
        public void Run(Func<Task> work, Action stop)
        {
            var start = new Task<Task>(work);
            start.RunSynchronously(TaskScheduler.Default);
            var task = start.Unwrap();
            task.ContinueWith(static (_, dispatcher) => ((PipelineDispatcher)dispatcher!).Enqueue(null), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                for (var action = Take(); action is not null; action = Take())
                {
                    action();
                }
            }
            catch
            {
                stop();
                while (Take() is not null)
                {
                    // What the cancelled work still posts has nowhere to go.
                }

                _ = task.Exception;
                throw;
            }

            task.GetAwaiter().GetResult();
        }

        private void Enqueue(Action? action)
        {
            lock (_pending)
            {
                _pending.Enqueue(action);
                Monitor.Pulse(_pending);
            }
        }

        private Action? Take()
        {
            lock (_pending)
            {
                while (_pending.Count == 0)
                {
                    Monitor.Wait(_pending);
                }

                return _pending.Dequeue();
            }
        }
    }
}
