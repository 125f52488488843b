using System;

namespace Seedance.Sandbox.Api
{
    /// <summary>A created task. Its state is computed from timestamps when asked, so no timer is needed.</summary>
    internal sealed record SandboxTask(string Id, SandboxAccount Owner, SubmitRequest Request, decimal Credits, string IdempotencyKey, DateTimeOffset CreatedAt, DateTimeOffset FinishesAt, bool WillFail, long OutputSeed)
    {
        public string StatusAt(DateTimeOffset now) =>
            now < FinishesAt ? "processing" : WillFail ? "failed" : "completed";
    }
}
