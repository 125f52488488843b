using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

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
        /// continuations run on the thread pool.
        /// </summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var start = new Task<Task<T>>(work);
            start.RunSynchronously(TaskScheduler.Default);
            var task = start.Unwrap();
            task.ContinueWith(static (_, dispatcher) => ((PipelineDispatcher)dispatcher!).Enqueue(null), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            for (var action = Take(); action is not null; action = Take())
            {
                action();
            }

            return task.GetAwaiter().GetResult();
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
