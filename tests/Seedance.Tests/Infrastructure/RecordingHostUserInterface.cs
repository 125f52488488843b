using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>The console of <see cref="RecordingHost"/>: keeps every line, answers choices, never reads input.</summary>
    public sealed class RecordingHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _pending = new();
        private readonly int _choice;

        public RecordingHostUserInterface(int width, int choice)
        {
            RawUI = new RecordingRawUserInterface(width);
            _choice = choice;
        }

        public ConcurrentQueue<string> Lines { get; } = new();

        public override PSHostRawUserInterface RawUI { get; }

        public override void Write(string value)
        {
            lock (_pending)
            {
                _pending.Append(value);
                var text = _pending.ToString();
                var end = text.LastIndexOf('\n');
                if (end >= 0)
                {
                    foreach (var line in text.Substring(0, end).Split('\n'))
                    {
                        Lines.Enqueue(line.TrimEnd('\r'));
                    }

                    _pending.Clear().Append(text.AsSpan(end + 1));
                }
            }
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw new NotSupportedException("The recording host reads no input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The recording host reads no input.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("The recording host reads no input.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("The recording host reads no input.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("The recording host reads no input.");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            WriteLine(caption);
            WriteLine(message);
            return _choice;
        }
    }
}
