using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation.Host;

namespace Seedance.Tests.Infrastructure
{
    /// <summary>
    /// A console host that records what a user would see (the -WhatIf text, Out-Host tables) and answers -Confirm
    /// prompts with a fixed choice. Its console is <see cref="Width"/> columns wide.
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingHostUserInterface _ui;

        public RecordingHost(int width = 120, int confirmChoice = 0)
        {
            _ui = new RecordingHostUserInterface(width, confirmChoice);
        }

        public int Width => _ui.RawUI.BufferSize.Width;

        /// <summary>Every line written to the console, in order.</summary>
        public ConcurrentQueue<string> Lines => _ui.Lines;

        public override string Name => "RecordingHost";
        public override Version Version { get; } = new(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }
    }
}
