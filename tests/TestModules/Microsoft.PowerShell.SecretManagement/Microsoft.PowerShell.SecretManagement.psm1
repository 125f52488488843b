# Test double of Microsoft.PowerShell.SecretManagement. State lives in AppDomain data so that every runspace
# (every test session) in the process sees the same vaults, as the real module sees the same files.
# Test hooks, through Register-SecretVault -VaultParameters:
#   Locked = $true          the vault needs its password, like a locked SecretStore;
#   Interaction = 'Prompt'  a locked vault asks the host for the password ($Host.UI.ReadLineAsSecureString),
#                 'None'    it fails with SecretStore's own message instead;
#   Password = 'text'       what Unlock-SecretVault or the prompt must give.

$script:StateKey = 'Seedance.Tests.SecretManagementDouble'
$script:PasswordRequiredMessage = "A valid password is required to access the Microsoft.PowerShell.SecretStore vault.`nUse the Unlock-SecretStore cmdlet to provide the required password to access the store."

function Get-StoreState {
    $state = [AppDomain]::CurrentDomain.GetData($script:StateKey)
    if ($null -eq $state) {
        # GetSecretCalls lets a test prove that a command never looked at the vault.
        $state = [hashtable]::Synchronized(@{ Vaults = [hashtable]::Synchronized(@{}); Default = $null; GetSecretCalls = 0 })
        [AppDomain]::CurrentDomain.SetData($script:StateKey, $state)
    }
    $state
}

function Get-SortedKey {
    # Sort-Object is not in every host this runs in (an engine hosted by the tests has only the core cmdlets).
    param([hashtable] $Table)
    [string[]] $keys = @($Table.Keys)
    [array]::Sort($keys, [System.StringComparer]::OrdinalIgnoreCase)
    , $keys
}

function Clear-TestSecretStore {
    # Test-only: forget every vault and secret in this process.
    [CmdletBinding()]
    param()
    [AppDomain]::CurrentDomain.SetData($script:StateKey, $null)
}

function Get-VaultOrThrow {
    param([string] $Name, [System.Management.Automation.PSCmdlet] $Cmdlet, [string] $ErrorId)
    $vault = (Get-StoreState).Vaults[$Name]
    if ($null -eq $vault) {
        $Cmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.PSInvalidOperationException]::new("Vault not found in registry: $Name"),
            $ErrorId, [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name))
    }
    $vault
}

function Write-NoVaultWarning {
    # What the real module warns on each secret command while no vault is registered.
    param([System.Management.Automation.PSCmdlet] $Cmdlet)
    if ((Get-StoreState).Vaults.Count -eq 0) {
        $Cmdlet.WriteWarning("`n        There are currently no extension vaults registered.`n        At least one vault must be registered before SecretManagement can add or retrieve secrets.`n        You can download SecretManagement extension vault modules from PowerShellGallery.`n        https://aka.ms/SecretManagementVaults`n        ")
    }
}

function Get-SearchOrder {
    param([string] $Vault, [System.Management.Automation.PSCmdlet] $Cmdlet, [string] $ErrorId)
    if ($Vault) { return , @(Get-VaultOrThrow -Name $Vault -Cmdlet $Cmdlet -ErrorId $ErrorId) }
    $state = Get-StoreState
    $ordered = [System.Collections.Generic.List[object]]::new()
    if ($state.Default -and $state.Vaults[$state.Default]) { $ordered.Add($state.Vaults[$state.Default]) }
    foreach ($name in (Get-SortedKey $state.Vaults)) {
        if ($name -ne $state.Default) { $ordered.Add($state.Vaults[$name]) }
    }
    , $ordered.ToArray()
}

function Assert-Unlocked {
    # What SecretStore does on each access: fail when locked, or prompt through the host when prompting is allowed.
    param($VaultEntry)
    if (-not $VaultEntry.Locked) { return }
    if ($VaultEntry.Interaction -ne 'Prompt') {
        throw [System.Management.Automation.PSInvalidOperationException]::new($script:PasswordRequiredMessage)
    }
    $Host.UI.WriteLine('A password is required for Microsoft.PowerShell.SecretStore vault.')
    $Host.UI.WriteLine('Enter password:')
    $given = $Host.UI.ReadLineAsSecureString()
    if ([System.Net.NetworkCredential]::new('', $given).Password -ne $VaultEntry.Password) {
        throw [System.Management.Automation.PSInvalidOperationException]::new($script:PasswordRequiredMessage)
    }
    $VaultEntry.Locked = $false
}

function New-VaultError {
    # SecretManagement wraps whatever the extension vault threw in its own exception.
    param([string] $Message, [System.Exception] $Inner, [string] $ErrorId, $Target)
    [System.Management.Automation.ErrorRecord]::new(
        [System.Management.Automation.PSInvalidOperationException]::new($Message, $Inner),
        $ErrorId, [System.Management.Automation.ErrorCategory]::InvalidOperation, $Target)
}

function Register-SecretVault {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0)] [string] $Name,
        [Parameter(Position = 1, Mandatory)] [ValidateNotNullOrEmpty()] [string] $ModuleName,
        [hashtable] $VaultParameters = @{},
        [switch] $DefaultVault,
        [switch] $AllowClobber,
        [switch] $PassThru,
        [string] $Description
    )
    if (-not $Name) { $Name = $ModuleName }
    $state = Get-StoreState
    if ($state.Vaults.ContainsKey($Name) -and -not $AllowClobber) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new('Provided Name for vault is already being used.'),
            'RegisterSecretVaultInvalidVaultName', [System.Management.Automation.ErrorCategory]::InvalidArgument, $Name))
    }
    if (-not $PSCmdlet.ShouldProcess($Name, 'Register')) { return }
    $state.Vaults[$Name] = [hashtable]::Synchronized(@{
        Name            = $Name
        ModuleName      = $ModuleName
        Description     = $Description
        VaultParameters = $VaultParameters
        Locked          = [bool] $VaultParameters['Locked']
        Interaction     = if ($VaultParameters['Interaction']) { [string] $VaultParameters['Interaction'] } else { 'None' }
        Password        = [string] $VaultParameters['Password']
        Secrets         = [hashtable]::Synchronized(@{})
    })
    if ($DefaultVault -or -not $state.Default) { $state.Default = $Name }
    if ($PassThru) { Get-SecretVault -Name $Name }
}

function Unregister-SecretVault {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0, Mandatory, ValueFromPipelineByPropertyName)] [string[]] $Name)
    process {
        $state = Get-StoreState
        foreach ($vaultName in $Name) {
            if (-not $state.Vaults.ContainsKey($vaultName)) {
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.Management.Automation.ItemNotFoundException]::new("Unable to find secret vault $vaultName to unregister it."),
                    'UnregisterSecretVaultObjectNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $vaultName))
                continue
            }
            if ($PSCmdlet.ShouldProcess($vaultName, 'Unregister')) {
                $state.Vaults.Remove($vaultName)
                if ($state.Default -eq $vaultName) { $state.Default = $null }
            }
        }
    }
}

function Set-SecretVaultDefault {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'NameParameterSet')]
    param(
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 0, Mandatory)] [string] $Name,
        [Parameter(ParameterSetName = 'ClearParameterSet', Mandatory)] [switch] $ClearDefault
    )
    $state = Get-StoreState
    if ($ClearDefault) { $state.Default = $null; return }
    $null = Get-VaultOrThrow -Name $Name -Cmdlet $PSCmdlet -ErrorId 'VaultNotFound'
    if ($PSCmdlet.ShouldProcess($Name, 'Set default vault')) { $state.Default = $Name }
}

function Get-SecretVault {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Name = @('*'))
    $state = Get-StoreState
    foreach ($vaultName in (Get-SortedKey $state.Vaults)) {
        if (-not ($Name | Where-Object { $vaultName -like $_ })) { continue }
        $vault = $state.Vaults[$vaultName]
        [pscustomobject]@{
            PSTypeName      = 'Microsoft.PowerShell.SecretManagement.SecretVaultInfo'
            Name            = $vault.Name
            ModuleName      = $vault.ModuleName
            ModulePath      = $PSScriptRoot
            Description     = $vault.Description
            VaultParameters = $vault.VaultParameters
            IsDefault       = $vault.Name -eq $state.Default
        }
    }
}

function Test-SecretVault {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)] [string[]] $Name = @('*'))
    process {
        foreach ($vault in @(Get-SecretVault -Name $Name)) {
            -not (Get-StoreState).Vaults[$vault.Name].Locked
        }
    }
}

function Unlock-SecretVault {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, Mandatory)] [string] $Name,
        [Parameter(Position = 1, Mandatory)] [securestring] $Password
    )
    $vault = Get-VaultOrThrow -Name $Name -Cmdlet $PSCmdlet -ErrorId 'UnlockSecretVaultNotFound'
    if ([System.Net.NetworkCredential]::new('', $Password).Password -ne $vault.Password) {
        $PSCmdlet.ThrowTerminatingError((New-VaultError -Message "Unable to unlock vault $Name" -Inner ([System.Management.Automation.PSInvalidOperationException]::new($script:PasswordRequiredMessage)) -ErrorId 'UnlockSecretVaultError' -Target $Name))
    }
    $vault.Locked = $false
}

function Get-Secret {
    [CmdletBinding(DefaultParameterSetName = 'NameParameterSet')]
    param(
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 0, Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()] [string] $Name,
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 1)] [string] $Vault,
        [Parameter(ParameterSetName = 'InfoParameterSet', Position = 0, Mandatory, ValueFromPipeline)] [psobject] $InputObject,
        [switch] $AsPlainText
    )
    process {
        $state = Get-StoreState
        $state.GetSecretCalls = $state.GetSecretCalls + 1
        Write-NoVaultWarning -Cmdlet $PSCmdlet
        if ($PSCmdlet.ParameterSetName -eq 'InfoParameterSet') {
            $Name = $InputObject.Name
            $Vault = $InputObject.VaultName
        }
        foreach ($entry in (Get-SearchOrder -Vault $Vault -Cmdlet $PSCmdlet -ErrorId 'GetSecretVaultNotFound')) {
            try {
                Assert-Unlocked $entry
            }
            catch {
                $PSCmdlet.WriteError((New-VaultError -Message "Unable to get secret $Name from vault $($entry.Name)" -Inner $_.Exception -ErrorId 'GetSecretException' -Target $Name))
                return
            }
            if (-not $entry.Secrets.ContainsKey($Name)) { continue }
            $secret = $entry.Secrets[$Name]
            if ($secret -is [string] -and -not $AsPlainText) {
                $secure = [securestring]::new()
                foreach ($character in $secret.ToCharArray()) { $secure.AppendChar($character) }
                $secret = $secure
            }
            elseif ($secret -is [securestring] -and $AsPlainText) {
                $secret = [System.Net.NetworkCredential]::new('', $secret).Password
            }
            elseif ($secret -is [securestring]) {
                $secret = $secret.Copy()
            }
            , $secret
            return
        }
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
            [System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found."),
            'GetSecretNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name))
    }
}

function Get-SecretInfo {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $Name = '*',
        [Parameter(Position = 1)] [string] $Vault
    )
    Write-NoVaultWarning -Cmdlet $PSCmdlet
    foreach ($entry in (Get-SearchOrder -Vault $Vault -Cmdlet $PSCmdlet -ErrorId 'GetSecretInfoVaultNotFound')) {
        try {
            Assert-Unlocked $entry
        }
        catch {
            $PSCmdlet.WriteError((New-VaultError -Message "Unable to get secret information from vault $($entry.Name)" -Inner $_.Exception -ErrorId 'GetSecretInfoException' -Target $Name))
            continue
        }
        foreach ($secretName in (Get-SortedKey $entry.Secrets)) {
            if ($secretName -notlike $Name) { continue }
            $value = $entry.Secrets[$secretName]
            $type = switch ($value) {
                { $_ -is [string] } { 'String'; break }
                { $_ -is [securestring] } { 'SecureString'; break }
                { $_ -is [pscredential] } { 'PSCredential'; break }
                { $_ -is [hashtable] } { 'Hashtable'; break }
                { $_ -is [byte[]] } { 'ByteArray'; break }
                default { 'Unknown' }
            }
            [pscustomobject]@{
                PSTypeName = 'Microsoft.PowerShell.SecretManagement.SecretInformation'
                Name       = $secretName
                Type       = $type
                VaultName  = $entry.Name
                Metadata   = @{}
            }
        }
    }
}

function Set-Secret {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'SecureStringParameterSet')]
    param(
        [Parameter(Position = 0, Mandatory)] [ValidateNotNullOrEmpty()] [string] $Name,
        [Parameter(ParameterSetName = 'ObjectParameterSet', Position = 1, Mandatory, ValueFromPipeline)] [object] $Secret,
        [Parameter(ParameterSetName = 'SecureStringParameterSet', Position = 1, Mandatory, ValueFromPipeline)] [securestring] $SecureStringSecret,
        [Parameter(Position = 2)] [string] $Vault,
        [hashtable] $Metadata,
        [switch] $NoClobber
    )
    process {
        Write-NoVaultWarning -Cmdlet $PSCmdlet
        if (-not $Vault) { $Vault = (Get-StoreState).Default }
        if (-not $Vault) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.PSInvalidOperationException]::new('Unable to add secret because no vault was specified and no default vault is designated.'),
                'SetSecretFailNoVault', [System.Management.Automation.ErrorCategory]::InvalidOperation, $Name))
        }
        $entry = Get-VaultOrThrow -Name $Vault -Cmdlet $PSCmdlet -ErrorId 'SetSecretVaultNotFound'
        $value = if ($PSCmdlet.ParameterSetName -eq 'SecureStringParameterSet') { $SecureStringSecret } else { $Secret }
        if ($value -is [psobject]) { $value = $value.psobject.BaseObject }
        if (-not ($value -is [string] -or $value -is [securestring] -or $value -is [pscredential] -or $value -is [hashtable] -or $value -is [byte[]])) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('Invalid secret type.'), 'SetSecretInvalidType', [System.Management.Automation.ErrorCategory]::InvalidArgument, $Name))
        }
        try {
            Assert-Unlocked $entry
        }
        catch {
            $PSCmdlet.ThrowTerminatingError((New-VaultError -Message "Unable to add secret $Name to vault $Vault" -Inner $_.Exception -ErrorId 'AddSecretException' -Target $Name))
        }
        if ($NoClobber -and $entry.Secrets.ContainsKey($Name)) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.PSInvalidOperationException]::new("A secret with name $Name already exists in vault $Vault."),
                'AddSecretAlreadyExists', [System.Management.Automation.ErrorCategory]::ResourceExists, $Name))
        }
        if (-not $PSCmdlet.ShouldProcess("$Name in $Vault", 'Set secret')) { return }
        if ($value -is [securestring]) { $value = $value.Copy() }
        $entry.Secrets[$Name] = $value
    }
}

function Remove-Secret {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0, Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [ValidateNotNullOrEmpty()] [string] $Name,
        [Parameter(Position = 1, Mandatory)] [ValidateNotNullOrEmpty()] [string] $Vault
    )
    process {
        $entry = Get-VaultOrThrow -Name $Vault -Cmdlet $PSCmdlet -ErrorId 'RemoveSecretVaultNotFound'
        try {
            Assert-Unlocked $entry
        }
        catch {
            $PSCmdlet.WriteError((New-VaultError -Message "Unable to remove secret $Name from vault $Vault" -Inner $_.Exception -ErrorId 'RemoveSecretException' -Target $Name))
            return
        }
        if (-not $entry.Secrets.ContainsKey($Name)) {
            $PSCmdlet.WriteError((New-VaultError -Message "Unable to remove secret $Name from vault $Vault" -Inner ([System.Management.Automation.ItemNotFoundException]::new("Remove-Secret error in vault $Vault : Secret not found")) -ErrorId 'RemoveSecretException' -Target $Name))
            return
        }
        if ($PSCmdlet.ShouldProcess("$Name in $Vault", 'Remove secret')) {
            $entry.Secrets.Remove($Name)
        }
    }
}
