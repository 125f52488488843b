BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'KeyVaultHelpers.psm1') -Force
    $script:savedEnvironmentKey = $env:SEEDANCE_API_KEY
    $env:SEEDANCE_API_KEY = $null
    $script:vault = Initialize-TestKeyVault
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.2 -RateLimit 1000 -RateWindowSeconds 1 -Configuration @{ SecretName = $vault.SecretName; SecretVault = $vault.VaultName }
    $script:key = ConvertTo-TestSecureString $script:sandbox.ApiKey
}

AfterAll {
    Remove-SeedanceApiKey -SessionOnly -Confirm:$false -ErrorAction SilentlyContinue
    Remove-TestKeyVault -Vault $script:vault
    Stop-TestSession $script:sandbox
    $env:SEEDANCE_API_KEY = $script:savedEnvironmentKey
}

Describe 'Remove-SeedanceApiKey' {
    BeforeEach {
        Set-SeedanceApiKey -ApiKey $script:key
        Set-SeedanceApiKey -ApiKey $script:key -SessionOnly
    }

    AfterEach {
        Remove-SeedanceApiKey -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'removes the session key and the vault secret, after which calls find no key' {
        $removed = Remove-SeedanceApiKey -Confirm:$false -PassThru

        @($removed.Location) | Should -Be @('Session', 'Vault')
        Get-SecretInfo -Name $script:vault.SecretName -Vault $script:vault.VaultName | Should -BeNullOrEmpty
        { Get-SeedanceTask -Id sd2_no_such_task } | Should -Throw -ErrorId 'Seedance.ApiKeyNotFound,Seedance.Commands.GetSeedanceTaskCommand'
    }

    It 'leaves the vault secret alone with -SessionOnly' {
        Remove-SeedanceApiKey -SessionOnly -Confirm:$false

        Get-SecretInfo -Name $script:vault.SecretName -Vault $script:vault.VaultName | Should -Not -BeNullOrEmpty
    }

    It 'removes nothing with -WhatIf' {
        Remove-SeedanceApiKey -WhatIf

        Get-SecretInfo -Name $script:vault.SecretName -Vault $script:vault.VaultName | Should -Not -BeNullOrEmpty
        @(Remove-SeedanceApiKey -SessionOnly -Confirm:$false -PassThru).Count | Should -Be 1
    }

    It 'writes one non-terminating not-found error when nothing is stored' {
        Remove-SeedanceApiKey -Confirm:$false
        $failures = $null

        Remove-SeedanceApiKey -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.ApiKeyNotFound,Seedance.Commands.RemoveSeedanceApiKeyCommand'
    }

    It 'asks for confirmation by default' {
        (Get-Command Remove-SeedanceApiKey).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }
}
