# Pester 5: the API key on the machines users have, each in a child pwsh of its own with a fresh HOME (where
# SecretManagement keeps its vault registry) and exactly the module path the situation needs:
#   1. SecretManagement not installed;
#   2. SecretManagement installed, no vault registered (the real module where this machine has it, else the test double);
#   3. a SecretStore vault registered but never set up (real SecretStore only);
#   4. the SecretStore set up as the default vault (real SecretStore only).

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:manifest = Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'
    $script:testModules = Join-Path $repositoryRoot 'tests/TestModules'
    $script:sandbox = Start-TestSandbox -ProcessingSeconds 0.2 -RateLimit 1000 -RateWindowSeconds 1
    $separator = [System.IO.Path]::PathSeparator
    $script:engineModules = Join-Path $PSHOME 'Modules'

    # The folder that holds the real SecretManagement (and SecretStore) on this machine, if any.
    $real = @(Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement |
        Where-Object { -not $_.Path.StartsWith($testModules, [System.StringComparison]::OrdinalIgnoreCase) })
    $script:realSecretModules = $null
    if ($real.Count -gt 0) {
        $folder = Split-Path -Parent $real[0].ModuleBase
        if ((Split-Path -Leaf $folder) -eq 'Microsoft.PowerShell.SecretManagement') { $folder = Split-Path -Parent $folder }
        $script:realSecretModules = $folder
    }
    $script:hasSecretStore = $null -ne $realSecretModules -and
        @(Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretStore).Count -gt 0
    $script:withSecretManagement = if ($realSecretModules) { $realSecretModules } else { $testModules }
    Write-Host ("SecretManagement for 'installed': {0}" -f $(if ($realSecretModules) { "the real module in $realSecretModules" } else { 'the test double' }))

    $script:noVaultWarning = 'There are currently no extension vaults registered'
    $script:registerSecretStore = [regex]::Escape('Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault')

    function New-ChildHome {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('seedance-key-home-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $folder
    }

    function Get-ChildEnvironment([string] $HomeFolder) {
        @{
            HOME             = $HomeFolder
            USERPROFILE      = $HomeFolder
            LOCALAPPDATA     = Join-Path $HomeFolder 'AppData/Local'
            APPDATA          = Join-Path $HomeFolder 'AppData/Roaming'
            XDG_DATA_HOME    = Join-Path $HomeFolder '.local/share'
            XDG_CONFIG_HOME  = Join-Path $HomeFolder '.config'
            SEEDANCE_API_KEY = $null
            SEEDANCE_JOURNAL = 'off'
        }
    }

    function Get-ChildScript([string] $ModulePath, [string] $Command) {
        # pwsh adds the user's and the machine's module folders at start-up: the script sets exactly its own. A failure
        # is printed as one line 'ERROR: <message>' (the console would wrap a long message), and the exit code is 1.
        "`$env:PSModulePath = '$ModulePath'; Import-Module '$manifest'; Set-SeedanceConfiguration -BaseUri '$($sandbox.BaseUri)'; " +
        "try { `$ErrorActionPreference = 'Stop'; $Command } catch { 'ERROR: ' + `$_.Exception.Message; exit 1 }"
    }

    function Invoke-KeyShell {
        # A child `pwsh -NonInteractive` with its own HOME and exactly $ModulePath; returns ExitCode, Output, Error.
        # Everything the child printed (warnings included) is in Output and Error.
        param([string] $ModulePath, [string] $Command)
        $homeFolder = New-ChildHome
        try {
            Invoke-TestShell -Command (Get-ChildScript $ModulePath $Command) -Environment (Get-ChildEnvironment $homeFolder)
        }
        finally {
            Remove-Item -LiteralPath $homeFolder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    function Invoke-KeyTerminal {
        # The same, but interactive: pwsh in a terminal of its own (util-linux `script`), with $Typed typed ahead.
        # Returns what the terminal showed.
        param([string] $ModulePath, [string] $Command, [string] $Typed)
        $homeFolder = New-ChildHome
        try {
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes((Get-ChildScript $ModulePath $Command)))
            $startInfo = [System.Diagnostics.ProcessStartInfo]::new('script', "-qec `"'$(Get-TestShellPath)' -NoProfile -EncodedCommand $encoded`" /dev/null")
            $startInfo.UseShellExecute = $false
            $startInfo.RedirectStandardInput = $true
            $startInfo.RedirectStandardOutput = $true
            $environment = Get-ChildEnvironment $homeFolder
            foreach ($name in $environment.Keys) {
                if ($null -eq $environment[$name]) { $null = $startInfo.EnvironmentVariables.Remove($name) }
                else { $startInfo.EnvironmentVariables[$name] = $environment[$name] }
            }
            $terminal = [System.Diagnostics.Process]::Start($startInfo)
            try {
                $terminal.StandardInput.Write($Typed + "`r")
                $terminal.StandardInput.Close()
                $shown = $terminal.StandardOutput.ReadToEndAsync()
                if (-not $terminal.WaitForExit(120000)) {
                    $terminal.Kill()
                    throw 'The terminal did not finish within 120 s.'
                }
                $shown.Result -replace '\x1b\[[0-9;?]*[a-zA-Z]' -replace '\x1b[=>]'
            }
            finally {
                $terminal.Dispose()
            }
        }
        finally {
            Remove-Item -LiteralPath $homeFolder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    function Test-Terminal {
        $PSVersionTable.PSEdition -eq 'Core' -and $IsLinux -and $null -ne (Get-Command script -CommandType Application -ErrorAction SilentlyContinue)
    }
}

AfterAll {
    if ($script:sandbox) { $script:sandbox | Stop-TestSandbox }
}

Describe 'The API key where SecretManagement is not installed' {
    It 'Set-SeedanceApiKey says how to install it and register a vault, or use -SessionOnly, before asking for a key' {
        $child = Invoke-KeyShell -ModulePath $engineModules -Command 'Set-SeedanceApiKey'

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'Microsoft.PowerShell.SecretManagement is not installed'
        $child.Output | Should -Match $registerSecretStore
        $child.Output | Should -Match 'Set-SeedanceApiKey -SessionOnly'
        $child.Output | Should -Not -Match 'not interactive'
    }

    It 'Set-SeedanceApiKey in a terminal fails before it asks for the key' {
        if (-not (Test-Terminal)) { Set-ItResult -Skipped -Because 'a terminal of its own needs util-linux script (Linux)' }

        $shown = Invoke-KeyTerminal -ModulePath $engineModules -Command 'Set-SeedanceApiKey' -Typed 'sk_test_typed'

        $shown | Should -Not -Match 'Seedance API key \(input is hidden\)'
        $shown | Should -Match 'Microsoft.PowerShell.SecretManagement is not installed'
    }

    It 'the no-key error says SecretManagement is not installed' {
        $child = Invoke-KeyShell -ModulePath $engineModules -Command 'Get-SeedanceTask -Id sd2_no_such_task'

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'No Seedance API key was found'
        $child.Output | Should -Match 'Microsoft.PowerShell.SecretManagement is not installed'
    }
}

Describe 'The API key where SecretManagement is installed and no vault is registered' {
    It 'Set-SeedanceApiKey says no vault is registered, how to register one, and -SessionOnly, before asking for a key' {
        $child = Invoke-KeyShell -ModulePath "$withSecretManagement$([System.IO.Path]::PathSeparator)$engineModules" -Command 'Set-SeedanceApiKey'

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'no vault is registered'
        $child.Output | Should -Match $registerSecretStore
        $child.Output | Should -Match 'Set-SeedanceApiKey -SessionOnly'
        $child.Output | Should -Not -Match 'not interactive'
        "$($child.Output)$($child.Error)" | Should -Not -Match $noVaultWarning
    }

    It 'Set-SeedanceApiKey in a terminal fails before it asks for the key, without the SecretManagement warning' {
        if (-not (Test-Terminal)) { Set-ItResult -Skipped -Because 'a terminal of its own needs util-linux script (Linux)' }

        $shown = Invoke-KeyTerminal -ModulePath "$withSecretManagement$([System.IO.Path]::PathSeparator)$engineModules" -Command 'Set-SeedanceApiKey -WarningAction SilentlyContinue' -Typed 'sk_test_typed'

        $shown | Should -Not -Match 'Seedance API key \(input is hidden\)'
        $shown | Should -Match 'no vault is registered'
        $shown | Should -Not -Match $noVaultWarning
    }

    It 'Set-SeedanceApiKey -ApiKey shows no SecretManagement warning under -WarningAction SilentlyContinue' {
        $child = Invoke-KeyShell -ModulePath "$withSecretManagement$([System.IO.Path]::PathSeparator)$engineModules" `
            -Command "Set-SeedanceApiKey -ApiKey (ConvertTo-SecureString 'sk_test_given' -AsPlainText -Force) -WarningAction SilentlyContinue"

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'no vault is registered'
        "$($child.Output)$($child.Error)" | Should -Not -Match $noVaultWarning
    }

    It 'the no-key error says no vault is registered, without the SecretManagement warning' {
        $child = Invoke-KeyShell -ModulePath "$withSecretManagement$([System.IO.Path]::PathSeparator)$engineModules" -Command 'Get-SeedanceTask -Id sd2_no_such_task'

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'No Seedance API key was found'
        $child.Output | Should -Match "in the default vault: no vault is registered"
        $child.Output | Should -Match $registerSecretStore
        "$($child.Output)$($child.Error)" | Should -Not -Match $noVaultWarning
    }
}

Describe 'The API key where a SecretStore vault was registered but never set up' {
    BeforeAll {
        $script:register = 'Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault; '
    }

    It 'Set-SeedanceApiKey -ApiKey fails at once in a -NonInteractive pwsh, says how to unlock or use SEEDANCE_API_KEY, and shows no password prompt' {
        if (-not $hasSecretStore) { Set-ItResult -Skipped -Because 'the real SecretStore is not on this machine (build.ps1 -VaultSituation NotSetUp or Ready)' }

        $child = Invoke-KeyShell -ModulePath "$realSecretModules$([System.IO.Path]::PathSeparator)$engineModules" `
            -Command ($register + "Set-SeedanceApiKey -ApiKey (ConvertTo-SecureString 'sk_test_given' -AsPlainText -Force)")

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'the vault is locked'
        $child.Output | Should -Match 'SEEDANCE_API_KEY'
        "$($child.Output)$($child.Error)" | Should -Not -Match 'Enter password'
    }

    It 'the no-key error says the vault is locked, and shows no password prompt' {
        if (-not $hasSecretStore) { Set-ItResult -Skipped -Because 'the real SecretStore is not on this machine (build.ps1 -VaultSituation NotSetUp or Ready)' }

        $child = Invoke-KeyShell -ModulePath "$realSecretModules$([System.IO.Path]::PathSeparator)$engineModules" -Command ($register + 'Get-SeedanceTask -Id sd2_no_such_task')

        $child.ExitCode | Should -Not -Be 0
        $child.Output | Should -Match 'the vault is locked and this session could not prompt for its password'
        "$($child.Output)$($child.Error)" | Should -Not -Match 'Enter password'
    }
}

Describe 'The API key where the SecretStore is set up as the default vault' {
    It 'Set-SeedanceApiKey stores the key, and the next call uses it' {
        if (-not $hasSecretStore) { Set-ItResult -Skipped -Because 'the real SecretStore is not on this machine (build.ps1 -VaultSituation NotSetUp or Ready)' }

        $setUp = 'Reset-SecretStore -Scope CurrentUser -Authentication None -Interaction None -Force -WarningAction SilentlyContinue; ' +
            'Register-SecretVault -Name SecretStore -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault; '
        $child = Invoke-KeyShell -ModulePath "$realSecretModules$([System.IO.Path]::PathSeparator)$engineModules" -Command ($setUp +
            "Set-SeedanceApiKey -ApiKey (ConvertTo-SecureString '$($sandbox.ApiKey)' -AsPlainText -Force) -ErrorAction Stop; " +
            'Get-SeedanceTask -Id sd2_no_such_task -ErrorAction SilentlyContinue -ErrorVariable failures; ' +
            "'ERROR ' + (`$failures[0].FullyQualifiedErrorId -replace ',.*')")

        $child.Output | Should -Match 'ERROR Seedance\.not_found'
        "$($child.Output)$($child.Error)" | Should -Not -Match $noVaultWarning
    }
}
