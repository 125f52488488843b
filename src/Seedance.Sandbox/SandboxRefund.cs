using System;

namespace Seedance.Sandbox
{
    /// <summary>Credits given back to an account when its task failed.</summary>
    /// <param name="TaskId">The failed task.</param>
    /// <param name="Credits">How many credits.</param>
    /// <param name="At">When the task failed.</param>
    public sealed record SandboxRefund(string TaskId, decimal Credits, DateTimeOffset At);
}
