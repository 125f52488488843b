using System.Threading;
using System.Threading.Tasks;

namespace Seedance.Sandbox.Faults
{
    /// <summary>
    /// The wait of a <see cref="SandboxFaultKind.Slow"/> fault, taken once per request: a submit takes it while its
    /// idempotency key is in flight, any other path just before answering.
    /// </summary>
    internal sealed class SlowGate
    {
        private readonly InjectedFault? _fault;
        private readonly CancellationToken _stopping;
        private bool _passed;

        public SlowGate(InjectedFault? fault, CancellationToken stopping)
        {
            _fault = fault;
            _stopping = stopping;
        }

        public Task PassAsync()
        {
            if (_passed || _fault is not { Kind: SandboxFaultKind.Slow })
            {
                return Task.CompletedTask;
            }

            _passed = true;
            return Task.Delay(_fault.Delay, _stopping);
        }
    }
}
