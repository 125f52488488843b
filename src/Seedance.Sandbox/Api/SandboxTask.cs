using System;

namespace Seedance.Sandbox.Api
{
    /// <summary>A created task. Its state is computed from timestamps when asked, so no timer is needed.</summary>
    internal sealed class SandboxTask
    {
        public SandboxTask(string id, SandboxAccount owner, SubmitRequest request, decimal credits, string idempotencyKey, DateTimeOffset createdAt, DateTimeOffset finishesAt, bool willFail, long outputSeed)
        {
            Id = id;
            Owner = owner;
            Request = request;
            Credits = credits;
            IdempotencyKey = idempotencyKey;
            CreatedAt = createdAt;
            FinishesAt = finishesAt;
            WillFail = willFail;
            OutputSeed = outputSeed;
        }

        public string Id { get; }

        public SandboxAccount Owner { get; }

        public SubmitRequest Request { get; }

        public decimal Credits { get; }

        public string IdempotencyKey { get; }

        public DateTimeOffset CreatedAt { get; }

        public DateTimeOffset FinishesAt { get; }

        public bool WillFail { get; }

        public long OutputSeed { get; }

        public string StatusAt(DateTimeOffset now) =>
            now < FinishesAt ? "processing" : WillFail ? "failed" : "completed";
    }
}
