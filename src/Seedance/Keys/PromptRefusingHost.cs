using System.Globalization;
using System.Management.Automation.Host;

namespace Seedance.Keys
{
    /// <summary>
    /// The host that SecretManagement calls run under when nobody can answer a prompt: it turns every read or prompt (a
    /// locked SecretStore asking for its password) into an immediate <see cref="HostException"/>, so an unattended job
    /// gets a clear error instead of waiting for input forever, and it drops the text that would lead in to that prompt.
    /// </summary>
    internal sealed class PromptRefusingHost : PSHost
    {
        private readonly PSHost _inner;

        public PromptRefusingHost(PSHost inner)
        {
            _inner = inner;
            UI = new PromptRefusingHostUserInterface(inner.UI);
        }

        public override CultureInfo CurrentCulture => _inner.CurrentCulture;

        public override CultureInfo CurrentUICulture => _inner.CurrentUICulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name => "Seedance non-interactive host";

        public override PSHostUserInterface UI { get; }

        public override Version Version => _inner.Version;

        public override void EnterNestedPrompt() => throw PromptRefusingHostUserInterface.Refused();

        public override void ExitNestedPrompt() => throw PromptRefusingHostUserInterface.Refused();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode) => _inner.SetShouldExit(exitCode);
    }
}
