# Chooses the vault the key suites run against, for the three machines users have:
#   1. SecretManagement not installed: the SecretManagement test double in tests/TestModules;
#   2. the real SecretManagement installed, SecretStore missing, never set up or locked: the real SecretManagement
#      with the file-backed extension vault tests/TestModules/Seedance.TestVault, in a throwaway folder;
#   3. SecretStore set up and usable without a prompt: the real SecretManagement and the real SecretStore.
# Either way the suites use a vault and a secret name of their own, so a developer's real 'Seedance' secret is never
# touched (and build.ps1 runs the suites in a throwaway HOME besides).

Set-StrictMode -Version 3.0

function Initialize-TestKeyVault {
    <#
    .SYNOPSIS
    Registers a vault for one suite and returns its VaultName, SecretName and Kind (TestDouble, TestVault or SecretStore).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $testModules = Join-Path $repositoryRoot 'tests/TestModules'
    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $vaultName = "SeedancePester$suffix"
    $folder = $null
    $real = @(Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement |
        Where-Object { -not $_.Path.StartsWith($testModules, [System.StringComparison]::OrdinalIgnoreCase) })

    if ($real.Count -eq 0) {
        $kind = 'TestDouble'
        Import-Module (Join-Path $testModules 'Microsoft.PowerShell.SecretManagement/Microsoft.PowerShell.SecretManagement.psd1') -Force -Global
        Register-SecretVault -Name $vaultName -ModuleName TestStore
    }
    else {
        $kind = 'TestVault'
        Import-Module $real[0].Path -Global
        if (Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretStore) {
            Register-SecretVault -Name $vaultName -ModuleName Microsoft.PowerShell.SecretStore
            try {
                # A store that needs a password (or was never set up) fails here in a -NonInteractive pwsh.
                $null = Get-SecretInfo -Vault $vaultName -ErrorAction Stop
                $kind = 'SecretStore'
            }
            catch {
                Unregister-SecretVault -Name $vaultName
            }
        }

        if ($kind -eq 'TestVault') {
            $folder = Join-Path ([System.IO.Path]::GetTempPath()) "seedance-test-vault-$suffix"
            Register-SecretVault -Name $vaultName -ModuleName (Join-Path $testModules 'Seedance.TestVault/Seedance.TestVault.psd1') -VaultParameters @{ Path = $folder }
        }
    }

    Write-Host "Key suite vault: $kind ($vaultName)"
    [pscustomobject]@{
        VaultName  = $vaultName
        SecretName = "SeedancePester$suffix"
        Kind       = $kind
        Folder     = $folder
    }
}

function Remove-TestKeyVault {
    <#
    .SYNOPSIS
    Removes the suite's secret and unregisters its vault.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [pscustomobject] $Vault)

    Remove-Secret -Name $Vault.SecretName -Vault $Vault.VaultName -ErrorAction SilentlyContinue
    Unregister-SecretVault -Name $Vault.VaultName -ErrorAction SilentlyContinue
    if ($Vault.Folder) {
        Remove-Item -LiteralPath $Vault.Folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function ConvertTo-TestSecureString {
    <#
    .SYNOPSIS
    A test key as a SecureString.
    #>
    [CmdletBinding()]
    [OutputType([securestring])]
    param([Parameter(Mandatory)] [string] $Text)

    $secure = [securestring]::new()
    foreach ($character in $Text.ToCharArray()) {
        $secure.AppendChar($character)
    }
    $secure
}

Export-ModuleMember -Function Initialize-TestKeyVault, Remove-TestKeyVault, ConvertTo-TestSecureString
