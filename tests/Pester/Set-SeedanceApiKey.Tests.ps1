BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'KeyVaultHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'
    $script:savedEnvironmentKey = $env:SEEDANCE_API_KEY
    $env:SEEDANCE_API_KEY = $null
    $script:vault = Initialize-TestKeyVault
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.2 -RateLimit 1000 -RateWindowSeconds 1 -Configuration @{ SecretName = $vault.SecretName; SecretVault = $vault.VaultName }
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
    Stop-TestSession $script:sandbox
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

Describe 'The vault key in a session' {
    BeforeAll {
        # Two accounts of their own: the request log names the account of each request, so a test sees which key a call
        # used; revoking one leaves the sandbox's own key to the other tests.
        $script:firstKey = 'sk_test_pester_cache_first_' + [guid]::NewGuid().ToString('N')
        $script:secondKey = 'sk_test_pester_cache_second_' + [guid]::NewGuid().ToString('N')
        $script:accountOf = @{}
        foreach ($key in $firstKey, $secondKey) {
            $account = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/accounts')) -ContentType 'application/json' `
                -Body (@{ api_key = $key; credits = 1000 } | ConvertTo-Json) -UseBasicParsing
            $accountOf[$key] = $account.name
        }

        function Get-LastRequest([int] $Count = 1) {
            # The sandbox's request log, oldest first (Invoke-RestMethod returns a JSON array as one object).
            $log = Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log')) -UseBasicParsing
            $log[($log.Count - $Count)..($log.Count - 1)]
        }
    }

    AfterEach {
        Remove-SeedanceApiKey -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'keeps the key it read for the session: a secret replaced behind its back is not read again' {
        Set-SeedanceApiKey -ApiKey (ConvertTo-TestSecureString $firstKey)
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        Set-Secret -Name $vault.SecretName -Vault $vault.VaultName -Secret $secondKey

        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        (Get-LastRequest).account | Should -Be $accountOf[$firstKey]
    }

    It 'uses the key Set-SeedanceApiKey stores from the next call on' {
        Set-SeedanceApiKey -ApiKey (ConvertTo-TestSecureString $firstKey)
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'

        Set-SeedanceApiKey -ApiKey (ConvertTo-TestSecureString $secondKey)

        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        (Get-LastRequest).account | Should -Be $accountOf[$secondKey]
    }

    It 'reads the vault again when the API refuses the kept key, and sends the read once more with the new key' {
        Set-SeedanceApiKey -ApiKey (ConvertTo-TestSecureString $firstKey)
        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        Set-Secret -Name $vault.SecretName -Vault $vault.VaultName -Secret $secondKey
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/accounts/revoke')) -ContentType 'application/json' `
            -Body (@{ api_key = $firstKey } | ConvertTo-Json) -UseBasicParsing

        Get-ProbeErrorId | Should -Be 'Seedance.not_found'
        $last = Get-LastRequest -Count 2
        @($last.status) | Should -Be @(401, 404)
        $last[1].account | Should -Be $accountOf[$secondKey]
    }
}
