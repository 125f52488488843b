using System.Collections.Generic;
using System.Linq;
using Seedance.Sandbox;

namespace Seedance.Tests.LeakCheck
{
    /// <summary>
    /// The table the leak check runs: add a row for each new cmdlet or behaviour (success, every error, retries,
    /// -Verbose, -Debug, -WhatIf, files written). Every script runs with $VerbosePreference and $DebugPreference on.
    /// </summary>
    public static class LeakScenarios
    {
        private const string NoRetries = "Set-SeedanceConfiguration -MaxRetries 0; ";

        public static IReadOnlyList<LeakScenario> All { get; } = new[]
        {
            new LeakScenario("set-key-in-vault-validated", LeakKeySource.Parameter, "Set-SeedanceApiKey -ApiKey $Key -Validate -PassThru -Verbose -Debug"),
            new LeakScenario("set-key-in-session", LeakKeySource.Parameter, "Set-SeedanceApiKey -ApiKey $Key -SessionOnly -Validate -PassThru"),
            new LeakScenario("set-key-whatif", LeakKeySource.Parameter, "$Key | Set-SeedanceApiKey -WhatIf; Set-SeedanceApiKey -ApiKey $Key -SessionOnly -WhatIf"),
            new LeakScenario("set-key-refused-401", LeakKeySource.Parameter, "Set-SeedanceApiKey -ApiKey $Key -Validate")
            {
                ExpectedErrorId = "Seedance.unauthorized",
                Arrange = sandbox => sandbox.RevokeKey(sandbox.Options.ApiKey),
            },
            new LeakScenario("remove-key", LeakKeySource.Vault, "Set-SeedanceApiKey -ApiKey $Key -SessionOnly; Remove-SeedanceApiKey -Confirm:$false -PassThru; Remove-SeedanceApiKey -Confirm:$false")
            {
                ExpectedErrorId = "Seedance.ApiKeyNotFound",
            },
            new LeakScenario("configuration-shown", LeakKeySource.Session, "Get-SeedanceConfiguration; Get-SeedanceConfiguration | ForEach-Object { $_.psobject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }"),
            new LeakScenario("submit-and-get-key-from-vault", LeakKeySource.Vault, "New-SeedanceVideo -Prompt 'A red fox crossing a snowy field' | Get-SeedanceTask"),
            new LeakScenario("submit-key-as-parameter", LeakKeySource.Parameter, "New-SeedanceVideo -Prompt 'A paper boat on a rainy street' -ApiKey $Key -Verbose -Debug"),
            new LeakScenario("get-key-from-environment", LeakKeySource.Environment, "Get-SeedanceTask -Id sd2_no_such_task -Verbose -Debug")
            {
                ExpectedErrorId = "Seedance.not_found",
            },
            new LeakScenario("submit-whatif", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'A lighthouse at dusk' -WhatIf"),
            new LeakScenario("invalid-input-refused-before-sending", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'no' -Duration 99")
            {
                ExpectedErrorId = "ParameterArgumentValidationError",
            },
            new LeakScenario("error-401-revoked", LeakKeySource.Session, "Get-SeedanceTask -Id sd2_no_such_task")
            {
                ExpectedErrorId = "Seedance.unauthorized",
                Arrange = sandbox => sandbox.RevokeKey(sandbox.Options.ApiKey),
            },
            new LeakScenario("error-402-no-credits", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'A glass train on a bridge'")
            {
                ExpectedErrorId = "Seedance.insufficient_credits",
                ConfigureSandbox = options => options.InitialCredits = 0,
            },
            new LeakScenario("error-404-unknown-task", LeakKeySource.Vault, "Get-SeedanceTask -Id sd2_no_such_task, sd2_nor_this_one")
            {
                ExpectedErrorId = "Seedance.not_found",
            },
            new LeakScenario("error-409-idempotency-conflict", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'First body here' -IdempotencyKey leak-409; New-SeedanceVideo -Prompt 'Second body here' -IdempotencyKey leak-409")
            {
                ExpectedErrorId = "Seedance.idempotency_conflict",
            },
            new LeakScenario("error-429-without-retries", LeakKeySource.Session, NoRetries + "New-SeedanceVideo -Prompt 'A rate limited fox'")
            {
                ExpectedErrorId = "Seedance.rate_limited",
                Arrange = sandbox => sandbox.Faults.Enqueue(SandboxFaultKind.RateLimited429, retryAfterSeconds: 1),
            },
            new LeakScenario("error-503-without-retries", LeakKeySource.Session, NoRetries + "New-SeedanceVideo -Prompt 'A busy service fox'")
            {
                ExpectedErrorId = "Seedance.service_busy",
                Arrange = sandbox => sandbox.Faults.Enqueue(SandboxFaultKind.ServiceBusy503),
            },
            new LeakScenario("error-500-without-retries", LeakKeySource.Session, NoRetries + "New-SeedanceVideo -Prompt 'A broken server fox'")
            {
                ExpectedErrorId = "Seedance.internal_error",
                Arrange = sandbox => sandbox.Faults.Enqueue(SandboxFaultKind.InternalErrorBeforeCreate500),
            },
            new LeakScenario("network-drop-without-retries", LeakKeySource.Session, NoRetries + "New-SeedanceVideo -Prompt 'A dropped connection fox'")
            {
                ExpectedErrorId = "Seedance.NetworkError",
                Arrange = sandbox => sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionBeforeCreate),
            },
            new LeakScenario("retries-then-success", LeakKeySource.Vault, "New-SeedanceVideo -Prompt 'A patient fox' -Verbose -Debug")
            {
                Arrange = sandbox =>
                {
                    sandbox.Faults.Enqueue(SandboxFaultKind.ServiceBusy503);
                    sandbox.Faults.Enqueue(SandboxFaultKind.InternalErrorAfterCreate500);
                    sandbox.Faults.Enqueue(SandboxFaultKind.DropConnectionAfterCreate);
                },
            },
            new LeakScenario("submit-wait-save-files", LeakKeySource.Vault, "New-SeedanceVideo -Prompt 'A heron lifting off a misty lake' | Wait-SeedanceTask -Timeout 60 | Save-SeedanceVideo -Path $TestFolder -IncludeLastFrame -Verbose -Debug")
            {
                WritesFiles = true,
            },
            new LeakScenario("new-video-wait-outfile", LeakKeySource.Parameter, "New-SeedanceVideo -Prompt 'A kite over a windy beach' -ApiKey $Key -Wait -OutputPath $TestFolder -Verbose -Debug")
            {
                WritesFiles = true,
            },
            new LeakScenario("task-failed", LeakKeySource.Environment, "New-SeedanceVideo -Prompt 'A doomed render [fail]' | Wait-SeedanceTask -Timeout 60")
            {
                ExpectedErrorId = "Seedance.TaskFailed",
            },
            new LeakScenario("wait-timeout", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'A very slow render here' | Wait-SeedanceTask -Timeout 1")
            {
                ExpectedErrorId = "Seedance.WaitTimeout",
                ConfigureSandbox = options => options.ProcessingTime = System.TimeSpan.FromSeconds(30),
            },
            new LeakScenario("journal-list-usage-resume", LeakKeySource.Session, "New-SeedanceVideo -Prompt 'A journaled render here' | Wait-SeedanceTask -Timeout 60; Get-SeedanceTask -Refresh; Get-SeedanceCreditUsage; Resume-SeedanceTask")
            {
                WritesFiles = true,
            },
            new LeakScenario("missing-key-locked-vault", LeakKeySource.Parameter, "Set-SeedanceApiKey -ApiKey $Key; Unregister-SecretVault -Name TestStore; Register-SecretVault -Name Locked -ModuleName TestStore -DefaultVault -VaultParameters @{ Locked = $true }; Get-SeedanceTask -Id sd2_x")
            {
                ExpectedErrorId = "Seedance.ApiKeyNotFound",
            },
            new LeakScenario("key-in-a-credential-secret", LeakKeySource.Parameter, "Set-Secret -Name Seedance -Secret ([pscredential]::new('seedance', $Key)); Get-SeedanceTask -Id sd2_x")
            {
                ExpectedErrorId = "Seedance.ApiKeyNotFound",
            },
            new LeakScenario("plain-http-remote-refused", LeakKeySource.Session, "Set-SeedanceConfiguration -BaseUri 'http://seedance.example.test/'; Get-SeedanceTask -Id sd2_x -Verbose -Debug")
            {
                ExpectedErrorId = "Seedance.InvalidConfiguration",
            },
        };

        public static IEnumerable<object[]> Names() => All.Select(scenario => new object[] { scenario.Name });
    }
}
