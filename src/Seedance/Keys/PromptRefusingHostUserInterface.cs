using System.Collections.ObjectModel;
using System.Management.Automation.Host;
using System.Security;

namespace Seedance.Keys
{
    /// <summary>
    /// The UI of <see cref="PromptRefusingHost"/>: reads and prompts throw; plain text is dropped, since what a vault writes
    /// to the console is the lead-in to a prompt ("Enter password:") that nobody can answer here; the streams' lines
    /// (errors, warnings, verbose, debug, progress) go through.
    /// </summary>
    internal sealed class PromptRefusingHostUserInterface : PSHostUserInterface
    {
        /// <summary>The message of the exception a refused prompt throws; the key resolver recognises it.</summary>
        public const string RefusedMessage = "Seedance refused a prompt: this PowerShell session is not interactive, so nobody could answer it.";

        private readonly PSHostUserInterface? _inner;

        public PromptRefusingHostUserInterface(PSHostUserInterface? inner) => _inner = inner;

        public override PSHostRawUserInterface? RawUI => _inner?.RawUI;

        public static HostException Refused() => new(RefusedMessage);

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Refused();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Refused();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Refused();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Refused();

        public override string ReadLine() => throw Refused();

        public override SecureString ReadLineAsSecureString() => throw Refused();

        public override void Write(string value)
        {
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
        }

        public override void WriteDebugLine(string message) => _inner?.WriteDebugLine(message);

        public override void WriteErrorLine(string value) => _inner?.WriteErrorLine(value);

        public override void WriteLine(string value)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record) => _inner?.WriteProgress(sourceId, record);

        public override void WriteVerboseLine(string message) => _inner?.WriteVerboseLine(message);

        public override void WriteWarningLine(string message) => _inner?.WriteWarningLine(message);
    }
}
