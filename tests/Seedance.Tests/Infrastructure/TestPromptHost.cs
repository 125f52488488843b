using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Threading;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// A host that either never answers a prompt, like a console reading redirected input that never comes (a module
    /// that lets a prompt reach it hangs; disposing releases it), or types one answer into every hidden-input prompt.
    /// It counts the prompts it received and keeps the text written to it.
    /// </summary>
    public sealed class TestPromptHost : PSHost, IDisposable
    {
        private readonly PromptUserInterface _ui;

        private TestPromptHost(string name, SecureString? answer)
        {
            Name = name;
            _ui = new PromptUserInterface(answer);
        }

        /// <summary>A host named <paramref name="name"/> whose prompts never return.</summary>
        public static TestPromptHost NeverAnswering(string name) => new(name, null);

        /// <summary>A host named <paramref name="name"/> where the user types <paramref name="answer"/> at a hidden-input prompt.</summary>
        public static TestPromptHost Typing(string name, SecureString answer) => new(name, answer);

        public int PromptsReceived => _ui.PromptsReceived;

        /// <summary>The text written to the console (Write and WriteLine), in order.</summary>
        public ConcurrentQueue<string> Written => _ui.Written;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name { get; }

        public override PSHostUserInterface UI => _ui;

        public override Version Version { get; } = new(1, 0);

        public override void EnterNestedPrompt() => _ui.Block();

        public override void ExitNestedPrompt()
        {
        }

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }

        public void Dispose() => _ui.Dispose();

        private sealed class PromptUserInterface : PSHostUserInterface, IDisposable
        {
            private readonly ManualResetEventSlim _never = new();
            private readonly SecureString? _answer;
            private int _prompts;

            public PromptUserInterface(SecureString? answer) => _answer = answer;

            public int PromptsReceived => Volatile.Read(ref _prompts);

            public ConcurrentQueue<string> Written { get; } = new();

            public override PSHostRawUserInterface? RawUI => null;

            public void Block()
            {
                Interlocked.Increment(ref _prompts);
                _never.Wait();
                throw new HostException("The test host was disposed.");
            }

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            {
                Block();
                return new Dictionary<string, PSObject>();
            }

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                Block();
                return defaultChoice;
            }

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            {
                Block();
                return PSCredential.Empty;
            }

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            {
                Block();
                return PSCredential.Empty;
            }

            public override string ReadLine()
            {
                Block();
                return string.Empty;
            }

            public override SecureString ReadLineAsSecureString()
            {
                if (_answer is not null)
                {
                    Interlocked.Increment(ref _prompts);
                    return _answer.Copy();
                }

                Block();
                return new SecureString();
            }

            public override void Write(string value) => Written.Enqueue(value);

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Written.Enqueue(value);

            public override void WriteDebugLine(string message)
            {
            }

            public override void WriteErrorLine(string value)
            {
            }

            public override void WriteLine(string value) => Written.Enqueue(value);

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }

            public override void WriteVerboseLine(string message)
            {
            }

            public override void WriteWarningLine(string message)
            {
            }

            // Set, not disposed: a prompt still waiting must wake up and fail, not meet a disposed event.
            public void Dispose() => _never.Set();
        }
    }
}
