using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Threading
{
    /// <summary>
    /// Runs asynchronous work while the pipeline thread performs every write the work asks for:
    /// PowerShell throws when WriteObject, WriteError, WriteProgress or WriteVerbose is called from another thread.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private readonly BlockingCollection<Action?> _pending = new();

        /// <summary>Queues an action for the pipeline thread; callable from any thread.</summary>
        public void Post(Action action) => _pending.Add(action);

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
            task.ContinueWith(static (_, pending) => ((BlockingCollection<Action?>)pending!).Add(null), _pending, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            for (var action = _pending.Take(); action is not null; action = _pending.Take())
            {
                action();
            }

            return task.GetAwaiter().GetResult();
        }

        public void Dispose() => _pending.Dispose();
    }
}
