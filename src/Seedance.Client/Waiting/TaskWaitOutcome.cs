namespace Seedance.Client.Waiting
{
    /// <summary>How the wait for one task ended: completed, or an error (failed task, timeout, or a poll that failed for good).</summary>
    internal sealed class TaskWaitOutcome
    {
        public TaskWaitOutcome(SeedanceTask task, SeedanceException? error)
        {
            Task = task;
            Error = error;
        }

        /// <summary>The task as last seen.</summary>
        public SeedanceTask Task { get; }

        /// <summary>Null when the task completed; else why the wait ended without a video (<see cref="SeedanceErrorCodes.TaskFailed"/>, <see cref="SeedanceErrorCodes.WaitTimeout"/>, or the API's error).</summary>
        public SeedanceException? Error { get; }

        /// <summary>True when the video is ready.</summary>
        public bool IsCompleted => Error is null;
    }
}
