using System;
using System.Collections.Generic;
using System.Linq;
using Seedance.Sandbox.Api;

namespace Seedance.Sandbox
{
    /// <summary>
    /// One account of the sandbox: its balance and ledger. Failed tasks refund lazily, so reading the balance or the
    /// refunds first settles every task whose processing time is over.
    /// </summary>
    public sealed class SandboxAccount
    {
        private readonly object _sync;
        private readonly TimeProvider _time;
        private readonly List<SandboxCharge> _charges = new();
        private readonly List<SandboxRefund> _refunds = new();
        private readonly List<SandboxTask> _unsettled = new();
        private decimal _balance;

        internal SandboxAccount(string name, decimal credits, object sync, TimeProvider time)
        {
            Name = name;
            _balance = credits;
            _sync = sync;
            _time = time;
        }

        /// <summary>The account's name, as the request log and <c>/_sandbox/accounts</c> show it (never its key).</summary>
        public string Name { get; }

        /// <summary>The credits left.</summary>
        public decimal Balance
        {
            get
            {
                lock (_sync)
                {
                    SettleLocked(_time.GetUtcNow());
                    return _balance;
                }
            }
        }

        /// <summary>Every charge, oldest first.</summary>
        public IReadOnlyList<SandboxCharge> Charges
        {
            get
            {
                lock (_sync)
                {
                    return _charges.ToList();
                }
            }
        }

        /// <summary>Every refund of a failed task, oldest first.</summary>
        public IReadOnlyList<SandboxRefund> Refunds
        {
            get
            {
                lock (_sync)
                {
                    SettleLocked(_time.GetUtcNow());
                    return _refunds.ToList();
                }
            }
        }

        internal Dictionary<string, IdempotencyRecord> Idempotency { get; } = new(StringComparer.Ordinal);

        internal RateWindow Rate { get; } = new();

        internal decimal BalanceLocked(DateTimeOffset now)
        {
            SettleLocked(now);
            return _balance;
        }

        internal void ChargeLocked(SandboxTask task)
        {
            _balance -= task.Credits;
            _charges.Add(new SandboxCharge(task.Id, task.IdempotencyKey, task.Credits, task.CreatedAt) { Prompt = task.Request.Prompt });
            if (task.WillFail)
            {
                _unsettled.Add(task);
            }
        }

        /// <summary>Gives back the credits of every task that has failed by <paramref name="now"/>.</summary>
        internal void SettleLocked(DateTimeOffset now)
        {
            foreach (var task in _unsettled.Where(t => t.FinishesAt <= now).OrderBy(t => t.FinishesAt).ToList())
            {
                _unsettled.Remove(task);
                _balance += task.Credits;
                _refunds.Add(new SandboxRefund(task.Id, task.Credits, task.FinishesAt));
            }
        }
    }
}
