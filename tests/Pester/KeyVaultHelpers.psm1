# Chooses the vault the key suites run against: Microsoft.PowerShell.SecretStore when it is installed and usable
# without a prompt, else the SecretManagement test double in tests/TestModules. Either way the suites use a vault
# and a secret name of their own, so a developer's real 'Seedance' secret is never touched.

Set-StrictMode -Version 3.0

function Initialize-TestKeyVault {
    <#
    .SYNOPSIS
    Registers a vault for one suite and returns its VaultName, SecretName and whether it is the real SecretStore.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $vaultName = "SeedancePester$suffix"
    $usesSecretStore = $false
    $available = @(Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore)
    if (@($available.Name | Sort-Object -Unique).Count -eq 2) {
        Import-Module Microsoft.PowerShell.SecretManagement
        Register-SecretVault -Name $vaultName -ModuleName Microsoft.PowerShell.SecretStore
        try {
            # A store that needs a password (or was never set up) fails here in a -NonInteractive pwsh.
            $null = Get-SecretInfo -Vault $vaultName -ErrorAction Stop
            $usesSecretStore = $true
        }
        catch {
            Unregister-SecretVault -Name $vaultName
            Remove-Module Microsoft.PowerShell.SecretManagement
        }
    }

    if (-not $usesSecretStore) {
        Import-Module (Join-Path $repositoryRoot 'tests/TestModules/Microsoft.PowerShell.SecretManagement/Microsoft.PowerShell.SecretManagement.psd1') -Force
        Register-SecretVault -Name $vaultName -ModuleName TestStore
    }

    [pscustomobject]@{
        VaultName       = $vaultName
        SecretName      = "SeedancePester$suffix"
        UsesSecretStore = $usesSecretStore
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
