using System.Collections.ObjectModel;
using Microsoft.PowerShell.Commands;
using Seedance.Client.Downloads;
using Seedance.Errors;
using Seedance.Client.Waiting;
using Seedance.Client;

namespace Seedance.Results
{
    /// <summary>
    /// What Wait-SeedanceTask, Save-SeedanceVideo and New-SeedanceVideo -Wait share: wait in one loop, save, and hand
    /// every write to the pipeline thread through <c>post</c>. Downloads start as soon as a task completes, while the
    /// others are still being waited for.
    /// </summary>
    internal sealed class WaitAndSave
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Action<Action> _post;
        private readonly SeedanceClient _client;
        private readonly HashSet<string> _videoPaths = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<SeedanceTask> _unsettled = new();
        private int _nextDownloadActivity = ResultProgress.WaitActivityId + 1;

        public WaitAndSave(PSCmdlet cmdlet, Action<Action> post, SeedanceClient client)
        {
            _cmdlet = cmdlet;
            _post = post;
            _client = client;
        }

        /// <summary>
        /// The tasks of the wait with no result written yet, in their order: still rendering (the wait was stopped),
        /// timed out, or completed but not saved. They go on at the API and can be picked up again.
        /// </summary>
        public IReadOnlyList<SeedanceTask> Unsettled
        {
            get
            {
                lock (_unsettled)
                {
                    return _unsettled.ToArray();
                }
            }
        }

        /// <summary>Waits for <paramref name="tasks"/>; emits each completed task, or with <paramref name="save"/> saves it and emits its files.</summary>
        public async Task WaitAsync(IReadOnlyList<SeedanceTask> tasks, TimeSpan? timeout, SaveTarget? save, CancellationToken cancellationToken)
        {
            lock (_unsettled)
            {
                _unsettled.AddRange(tasks);
            }

            var downloads = new List<Task>();
            await new TaskWaiter(_client).WaitAsync(
                tasks,
                timeout,
                outcome =>
                {
                    if (outcome.Error is { } error)
                    {
                        _post(() =>
                        {
                            _cmdlet.WriteError(ErrorRecords.From(error, outcome.Task));
                            if (error.ErrorCode != SeedanceErrorCodes.WaitTimeout)
                            {
                                Settle(outcome.Task);
                            }
                        });
                    }
                    else if (save is null)
                    {
                        _post(() =>
                        {
                            _cmdlet.WriteObject(outcome.Task);
                            Settle(outcome.Task);
                        });
                    }
                    else
                    {
                        lock (downloads)
                        {
                            downloads.Add(SaveAsync(outcome.Task, save, cancellationToken));
                        }
                    }
                },
                progress => _post(() => _cmdlet.WriteProgress(ResultProgress.Waiting(progress))),
                cancellationToken).ConfigureAwait(false);
            Task[] started;
            lock (downloads)
            {
                started = downloads.ToArray();
            }

            await Task.WhenAll(started).ConfigureAwait(false);
        }

        /// <summary>Saves one completed task and emits its files; a failure is a non-terminating error.</summary>
        public async Task SaveAsync(SeedanceTask task, SaveTarget save, CancellationToken cancellationToken)
        {
            try
            {
                ClaimVideoPath(task, save);
                var activity = Interlocked.Increment(ref _nextDownloadActivity);
                var results = await new TaskResultSaver(_client).SaveAsync(
                    task,
                    save.Path,
                    save.IsFolder,
                    save.IncludeLastFrame,
                    save.Force,
                    progress => _post(() => _cmdlet.WriteProgress(ResultProgress.Downloading(activity, progress))),
                    cancellationToken).ConfigureAwait(false);
                _post(() =>
                {
                    foreach (var result in results)
                    {
                        _cmdlet.WriteProgress(ResultProgress.DownloadingDone(activity, result.File.FullName));
                        if (result.Skipped)
                        {
                            _cmdlet.WriteVerbose($"'{result.File.FullName}' already holds this result, complete; skipped (use -Force to download it again).");
                        }

                        _cmdlet.WriteObject(AsItem(result.File), enumerateCollection: true);
                    }

                    Settle(task);
                });
            }
            catch (SeedanceException e)
            {
                _post(() =>
                {
                    _cmdlet.WriteError(ErrorRecords.From(e, task));
                    Settle(task);
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var failure = new SeedanceException(SeedanceErrorCodes.DownloadFailed, $"Could not save the video of task {task.Id}: {e.Message}", innerException: e, task: task);
                _post(() =>
                {
                    _cmdlet.WriteError(ErrorRecords.From(failure, task));
                    Settle(task);
                });
            }
        }

        /// <summary>The task's result (its task, its files or its error) is written.</summary>
        private void Settle(SeedanceTask task)
        {
            lock (_unsettled)
            {
                _unsettled.RemoveAll(waited => waited.Id == task.Id);
            }
        }

        /// <summary>
        /// The file as Get-Item gives it: with its provider properties, so it prints like any file (the Directory: header,
        /// Mode, UnixMode, User, Group, Size) and pipes into Remove-Item, Copy-Item and friends by path.
        /// </summary>
        private Collection<PSObject> AsItem(FileInfo file) =>
            _cmdlet.InvokeProvider.Item.Get(new[] { FileSystemProvider.ProviderName + "::" + file.FullName }, true, true);

        /// <summary>A file name, unlike a folder, holds one video: a second task aimed at it is an error, not an overwrite.</summary>
        private void ClaimVideoPath(SeedanceTask task, SaveTarget save)
        {
            var path = Path.GetFullPath(TaskResultSaver.VideoPath(task, save.Path, save.IsFolder));
            lock (_videoPaths)
            {
                if (!_videoPaths.Add(path))
                {
                    throw new SeedanceException(
                        SeedanceErrorCodes.InvalidParameter,
                        $"'{path}' already holds the video of another task in this pipeline; nothing was downloaded for this one. Give a folder (a path with no extension) to save several videos.",
                        task: task);
                }
            }
        }
    }
}
