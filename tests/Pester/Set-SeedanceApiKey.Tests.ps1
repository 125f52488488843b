BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'KeyVaultHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'
    $script:savedEnvironmentKey = $env:SEEDANCE_API_KEY
    $env:SEEDANCE_API_KEY = $null
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0.2 -RateLimit 1000 -RateWindowSeconds 1
    $script:vault = Initialize-TestKeyVault
    Import-Module $script:manifest -Force
    Set-SeedanceConfiguration -BaseUri $script:sandbox.BaseUri -SecretName $script:vault.SecretName -SecretVault $script:vault.VaultName -NoJournal
    $script:rightKey = ConvertTo-TestSecureString $script:sandbox.ApiKey
    $script:wrongKey = ConvertTo-TestSecureString 'sk_test_pester_wrong_key'

    function Get-ProbeErrorId {
        # 404 not_found: the call used a key the sandbox accepts; 401 unauthorized: another key; ApiKeyNotFound (a
        # terminating error): no key at all.
        $failures = $null
        try {
            Get-SeedanceTask -Id sd2_no_such_task -ErrorAction SilentlyContinue -ErrorVariable failures
        }
        catch {
            $failures = @($_)
        }
        ($failures | Select-Object -First 1).FullyQualifiedErrorId -replace ',.*$'
    }
}

AfterAll {
    Remove-SeedanceApiKey -SessionOnly -Confirm:$false -ErrorAction SilentlyContinue
    Remove-TestKeyVault -Vault $script:vault
    Stop-TestSandbox -Sandbox $script:sandbox
    $env:SEEDANCE_API_KEY = $script:savedEnvironmentKey
}

Describe 'Set-SeedanceApiKey' {
    AfterEach {
        Remove-SeedanceApiKey -Confirm:$false -ErrorAction SilentlyContinue
        $env:SEEDANCE_API_KEY = $null
    }

    It 'stores the key in the vault, where the next call finds it' {
        Set-SeedanceApiKey -ApiKey $script:rightKey

        Get-Secret -Name $script:vault.SecretName -Vault $script:vault.VaultName -AsPlainText | Should -Be $script:sandbox.ApiKey
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
    }

    It 'takes the key from the pipeline and reports where it went with -PassThru' {
        $stored = $script:rightKey | Set-SeedanceApiKey -PassThru

        $stored.Location | Should -Be 'Vault'
        $stored.Vault | Should -Be $script:vault.VaultName
    }

    It 'stores nothing with -WhatIf' {
        Set-SeedanceApiKey -ApiKey $script:rightKey -WhatIf
        Set-SeedanceApiKey -ApiKey $script:rightKey -SessionOnly -WhatIf

        Get-SecretInfo -Name $script:vault.SecretName -Vault $script:vault.VaultName | Should -BeNullOrEmpty
        Get-ProbeErrorId | Should -Be 'Seedance.ApiKeyNotFound'
    }

    It 'keeps a -SessionOnly key in memory, writes nothing to the vault, and lets it beat the vault' {
        Set-SeedanceApiKey -ApiKey $script:wrongKey
        Set-SeedanceApiKey -ApiKey $script:rightKey -SessionOnly

        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        Get-Secret -Name $script:vault.SecretName -Vault $script:vault.VaultName -AsPlainText | Should -Be 'sk_test_pester_wrong_key'
    }

    It 'lets SEEDANCE_API_KEY beat the vault, and -ApiKey beat everything' {
        Set-SeedanceApiKey -ApiKey $script:wrongKey
        $env:SEEDANCE_API_KEY = $script:sandbox.ApiKey
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'

        $failures = $null
        Get-SeedanceTask -Id sd2_no_such_task -ApiKey $script:wrongKey -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.unauthorized,*'
    }

    It 'uses a changed SEEDANCE_API_KEY from the next call on' {
        $env:SEEDANCE_API_KEY = $script:sandbox.ApiKey
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'

        $env:SEEDANCE_API_KEY = 'sk_test_pester_wrong_key'
        Get-ProbeErrorId | Should -Be 'Seedance.unauthorized'
    }

    It 'refuses a key the API rejects with -Validate, and stores nothing' {
        { Set-SeedanceApiKey -ApiKey $script:wrongKey -Validate -ErrorAction Stop } |
            Should -Throw -ErrorId 'Seedance.unauthorized,Seedance.Commands.SetSeedanceApiKeyCommand'

        Get-SecretInfo -Name $script:vault.SecretName -Vault $script:vault.VaultName | Should -BeNullOrEmpty
    }

    It 'stores a key the API accepts with -Validate' {
        Set-SeedanceApiKey -ApiKey $script:rightKey -Validate

        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
    }

    It 'fails at once in a -NonInteractive pwsh when no key is given, instead of prompting' {
        $child = Invoke-TestShell -Command "Import-Module '$script:manifest'; Set-SeedanceApiKey -SessionOnly -ErrorAction Stop"

        $child.ExitCode | Should -Not -Be 0
        $child.Error | Should -Match 'not interactive'
    }

    It 'names every key source when none has a key' {
        $failures = @(try { Get-SeedanceTask -Id sd2_no_such_task } catch { $_ })

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.ApiKeyNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failures[0].Exception.Message | Should -Match '-ApiKey'
        $failures[0].Exception.Message | Should -Match 'Set-SeedanceApiKey -SessionOnly'
        $failures[0].Exception.Message | Should -Match 'SEEDANCE_API_KEY'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($script:vault.SecretName))
    }
}
