using System;
using System.Collections.Generic;

namespace Seedance.Sandbox.Api
{
    /// <summary>A sliding-window request count for one account.</summary>
    internal sealed class RateWindow
    {
        private readonly Queue<DateTimeOffset> _accepted = new();

        /// <summary>Counts the request when the window has room; otherwise says how many whole seconds to wait (at least 1).</summary>
        public bool TryAcquire(DateTimeOffset now, int limit, TimeSpan window, out int retryAfterSeconds)
        {
            while (_accepted.Count > 0 && _accepted.Peek() + window <= now)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count < limit)
            {
                _accepted.Enqueue(now);
                retryAfterSeconds = 0;
                return true;
            }

            var wait = _accepted.Peek() + window - now;
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return false;
        }
    }
}
