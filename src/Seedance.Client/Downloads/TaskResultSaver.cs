using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Client.Downloads
{
    /// <summary>
    /// Saves a completed task's video (and on request its last frame): to <c>&lt;taskId&gt;.mp4</c> and
    /// <c>&lt;taskId&gt;.png</c> in a folder, or to a file name (the last frame beside it, as <c>.png</c>). Expired result
    /// URLs are refreshed by reading the task again.
    /// </summary>
    internal sealed class TaskResultSaver
    {
        private readonly Func<string, CancellationToken, Task<SeedanceTask>> _getTask;
        private readonly ResultDownloader _downloader;

        /// <summary>Creates a saver that refreshes URLs through <paramref name="client"/>.</summary>
        public TaskResultSaver(SeedanceClient client)
            : this((client ?? throw new ArgumentNullException(nameof(client))).GetTaskAsync, new ResultDownloader(client.Options))
        {
        }

        internal TaskResultSaver(Func<string, CancellationToken, Task<SeedanceTask>> getTask, ResultDownloader downloader)
        {
            _getTask = getTask;
            _downloader = downloader;
        }

        /// <summary>The video's file name: in <paramref name="path"/> when it is a folder, else <paramref name="path"/> itself.</summary>
        public static string VideoPath(SeedanceTask task, string path, bool pathIsFolder) =>
            pathIsFolder ? Path.Combine(path, SafeName(Checked(task).Id) + ".mp4") : path;

        /// <summary>The last frame's file name: beside the video, with the extension <c>.png</c>.</summary>
        public static string LastFramePath(SeedanceTask task, string path, bool pathIsFolder) =>
            Path.ChangeExtension(VideoPath(task, path, pathIsFolder), ".png");

        /// <summary>The error for a task that has no video to save.</summary>
        public static SeedanceException NotCompleted(SeedanceTask task)
        {
            var why = Checked(task).IsFailed ? $"it failed ({task.Error?.ToString() ?? "no reason given"})" : $"it is still '{task.Status}'";
            return new SeedanceException(
                SeedanceErrorCodes.TaskNotCompleted,
                $"Task {task.Id} has no video to save: {why}. Wait for it first: Wait-SeedanceTask -Id {task.Id} | Save-SeedanceVideo.",
                task: task);
        }

        /// <summary>Downloads the video, then the last frame when asked; returns what is on disk (or was skipped).</summary>
        public async Task<IReadOnlyList<DownloadResult>> SaveAsync(
            SeedanceTask task,
            string path,
            bool pathIsFolder,
            bool includeLastFrame,
            bool force,
            Action<DownloadProgress>? progress,
            CancellationToken cancellationToken)
        {
            if (!Checked(task).IsCompleted)
            {
                throw NotCompleted(task);
            }

            if (task.VideoUrl is null || (includeLastFrame && task.LastFrameUrl is null))
            {
                task = await _getTask(task.Id, cancellationToken).ConfigureAwait(false);
            }

            var results = new List<DownloadResult>();
            var video = await DownloadAsync(task, static t => t.VideoUrl, VideoPath(task, path, pathIsFolder), force, progress, cancellationToken).ConfigureAwait(false);
            results.Add(video);
            if (includeLastFrame && task.LastFrameUrl is not null)
            {
                results.Add(await DownloadAsync(task, static t => t.LastFrameUrl, LastFramePath(task, path, pathIsFolder), force, progress, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }

        private Task<DownloadResult> DownloadAsync(SeedanceTask task, Func<SeedanceTask, string?> url, string path, bool force, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            var first = url(task) ?? throw new SeedanceException(SeedanceErrorCodes.UnexpectedResponse, $"The API reported task {task.Id} completed without a result URL.", task: task);
            return _downloader.DownloadAsync(
                ResultDownloader.ResultUri(first, task.Id),
                path,
                force,
                async token => url(await _getTask(task.Id, token).ConfigureAwait(false)) is { } fresh ? ResultDownloader.ResultUri(fresh, task.Id) : null,
                progress,
                cancellationToken);
        }

        private static SeedanceTask Checked(SeedanceTask task) => task ?? throw new ArgumentNullException(nameof(task));

        private static string SafeName(string id)
        {
            var invalid = Path.GetInvalidFileNameChars();
            var characters = id.ToCharArray();
            for (var i = 0; i < characters.Length; i++)
            {
                if (Array.IndexOf(invalid, characters[i]) >= 0)
                {
                    characters[i] = '_';
                }
            }

            return new string(characters);
        }
    }
}
