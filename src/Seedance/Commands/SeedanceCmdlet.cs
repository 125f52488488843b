using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Seedance.Errors;
using Seedance.Journal;
using Seedance.Session;
using Seedance.Threading;

namespace Seedance.Commands
{
    /// <summary>
    /// What every Seedance cmdlet shares: asynchronous work with all writes on the pipeline thread, and Ctrl+C that
    /// cancels that work at once.
    /// </summary>
    public abstract class SeedanceCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly PipelineDispatcher _dispatcher = new();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>Runs <paramref name="work"/> to its end, performing its posted writes on the pipeline thread.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work) => _dispatcher.Run(() => work(_stopping.Token));

        /// <summary>Asks the pipeline thread to perform <paramref name="write"/>; safe from any thread.</summary>
        protected void Post(Action write) => _dispatcher.Post(write);

        /// <summary>Writes a client failure as a non-terminating error.</summary>
        protected void WriteSeedanceError(SeedanceException exception, object? target) =>
            WriteError(SeedanceErrorRecord.From(exception, target));

        /// <summary>The session's task journal; a journal that is turned off is a terminating error.</summary>
        protected TaskJournal OpenJournal()
        {
            try
            {
                return SessionJournal.Open(SessionRegistry.Current);
            }
            catch (SeedanceException e)
            {
                ThrowTerminatingError(SeedanceErrorRecord.From(e, null));
                throw;
            }
        }

        /// <summary>Reads the journal, warning about each damaged line it had to skip.</summary>
        protected JournalSnapshot ReadJournal(TaskJournal journal)
        {
            var snapshot = journal.Read();
            foreach (var warning in SessionJournal.Warnings(journal, snapshot))
            {
                WriteWarning(warning);
            }

            return snapshot;
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases the cancellation source.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
            }
        }
    }
}
