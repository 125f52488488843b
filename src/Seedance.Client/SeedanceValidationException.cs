using System;
using System.Collections.Generic;
using System.Linq;
using Seedance.Requests;

namespace Seedance
{
    /// <summary>A request that breaks documented rules; thrown before anything is sent.</summary>
    [Serializable]
    public class SeedanceValidationException : SeedanceException
    {
        /// <summary>Creates the exception from the problems found (in the submit of <paramref name="idempotencyKey"/>, when known).</summary>
        public SeedanceValidationException(IReadOnlyList<RequestProblem> problems, string? idempotencyKey = null)
            : base(SeedanceErrorCodes.InvalidParameter, string.Join(Environment.NewLine, problems.Select(p => p.ToString())), idempotencyKey: idempotencyKey)
        {
            Problems = problems;
        }

        /// <summary>Every problem found, one per broken rule.</summary>
        public IReadOnlyList<RequestProblem> Problems { get; }
    }
}
