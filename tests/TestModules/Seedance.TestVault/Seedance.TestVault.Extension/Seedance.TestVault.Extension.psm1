# The five functions SecretManagement calls on an extension vault. Each secret is one file named by the secret.

function Get-SecretFile {
    param([string] $Name, [hashtable] $AdditionalParameters)
    $folder = $AdditionalParameters.Path
    if (-not $folder) { throw 'The Seedance test vault needs VaultParameters @{ Path = <folder> }.' }
    if (-not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force }
    if ($Name) { Join-Path $folder ([uri]::EscapeDataString($Name)) } else { $folder }
}

function Get-Secret {
    [CmdletBinding()]
    param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters)
    $file = Get-SecretFile -Name $Name -AdditionalParameters $AdditionalParameters
    if (Test-Path -LiteralPath $file) {
        $text = [System.IO.File]::ReadAllText($file)
        $secure = [securestring]::new()
        foreach ($character in $text.ToCharArray()) { $secure.AppendChar($character) }
        $secure
    }
}

function Get-SecretInfo {
    [CmdletBinding()]
    param([string] $Filter, [string] $VaultName, [hashtable] $AdditionalParameters)
    $pattern = [System.Management.Automation.WildcardPattern]::new($(if ($Filter) { $Filter } else { '*' }), 'IgnoreCase')
    foreach ($file in Get-ChildItem -LiteralPath (Get-SecretFile -AdditionalParameters $AdditionalParameters) -File) {
        $name = [uri]::UnescapeDataString($file.Name)
        if ($pattern.IsMatch($name)) {
            [Microsoft.PowerShell.SecretManagement.SecretInformation]::new(
                $name, [Microsoft.PowerShell.SecretManagement.SecretType]::SecureString, $VaultName)
        }
    }
}

function Set-Secret {
    [CmdletBinding()]
    param([string] $Name, [object] $Secret, [string] $VaultName, [hashtable] $AdditionalParameters)
    $text = if ($Secret -is [securestring]) { [System.Net.NetworkCredential]::new('', $Secret).Password } else { [string] $Secret }
    [System.IO.File]::WriteAllText((Get-SecretFile -Name $Name -AdditionalParameters $AdditionalParameters), $text)
    $true
}

function Remove-Secret {
    [CmdletBinding()]
    param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters)
    $file = Get-SecretFile -Name $Name -AdditionalParameters $AdditionalParameters
    if (-not (Test-Path -LiteralPath $file)) { throw "The secret '$Name' was not found in the vault '$VaultName'." }
    Remove-Item -LiteralPath $file -Force
    $true
}

function Test-SecretVault {
    [CmdletBinding()]
    param([string] $VaultName, [hashtable] $AdditionalParameters)
    $null = Get-SecretFile -AdditionalParameters $AdditionalParameters
    $true
}
