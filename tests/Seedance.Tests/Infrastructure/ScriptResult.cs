using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>Everything a script produced: output, every stream, and the terminating error if one stopped it.</summary>
    public sealed class ScriptResult
    {
        public required IReadOnlyList<PSObject> Output { get; init; }
        public required IReadOnlyList<ErrorRecord> Errors { get; init; }
        public required IReadOnlyList<WarningRecord> Warnings { get; init; }
        public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
        public required IReadOnlyList<DebugRecord> Debug { get; init; }
        public required IReadOnlyList<InformationRecord> Information { get; init; }
        public required IReadOnlyList<ProgressRecord> Progress { get; init; }

        /// <summary>The exception that ended the script, when one did.</summary>
        public Exception? Terminating { get; init; }

        /// <summary>Every text the script let out, for leak checks: output, messages, errors and exceptions.</summary>
        public IEnumerable<string> AllText() =>
            Output.Select(o => o?.ToString() ?? string.Empty)
                .Concat(Errors.SelectMany(ErrorText))
                .Concat(Warnings.Select(w => w.Message))
                .Concat(Verbose.Select(v => v.Message))
                .Concat(Debug.Select(d => d.Message))
                .Concat(Information.Select(i => i.MessageData?.ToString() ?? string.Empty))
                .Concat(Progress.Select(p => $"{p.Activity} {p.StatusDescription} {p.CurrentOperation}"))
                .Concat(Terminating is null ? Array.Empty<string>() : new[] { Terminating.ToString() });

        /// <summary>Throws with every error's text when the script wrote errors or stopped.</summary>
        public ScriptResult ShouldSucceed()
        {
            if (Terminating is not null || Errors.Count > 0)
            {
                throw new InvalidOperationException(
                    "The script failed:" + Environment.NewLine + string.Join(Environment.NewLine, Errors.SelectMany(ErrorText).Concat(Terminating is null ? Array.Empty<string>() : new[] { Terminating.ToString() })));
            }

            return this;
        }

        private static IEnumerable<string> ErrorText(ErrorRecord error)
        {
            yield return error.ToString();
            yield return error.FullyQualifiedErrorId;
            yield return error.Exception?.ToString() ?? string.Empty;
            yield return error.ErrorDetails?.Message ?? string.Empty;
            yield return error.TargetObject?.ToString() ?? string.Empty;
        }
    }
}
