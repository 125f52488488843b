using System;

namespace Seedance.Sandbox
{
    /// <summary>Credits taken from an account when a task was created.</summary>
    /// <param name="TaskId">The task the credits paid for.</param>
    /// <param name="IdempotencyKey">The <c>Idempotency-Key</c> of the submit that created it.</param>
    /// <param name="Credits">How many credits.</param>
    /// <param name="At">When.</param>
    public sealed record SandboxCharge(string TaskId, string IdempotencyKey, decimal Credits, DateTimeOffset At)
    {
        /// <summary>The prompt of the task the credits paid for, to tell two charges for one job apart from two jobs.</summary>
        public string Prompt { get; init; } = string.Empty;
    }
}
