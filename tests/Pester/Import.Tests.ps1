# Pester 5: importing the module in a fresh child shell (pwsh, or powershell.exe on Windows PowerShell 5.1).

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    $script:module = Join-Path $repositoryRoot 'out/Seedance'
}

Describe 'Import-Module Seedance' {
    It 'imports another version of the module in a session that imported this one, with its commands and type names' {
        # An installed release beside a newer build, say: both ship Seedance.Loader.dll, which the manifest loads.
        $copy = Join-Path $TestDrive 'Seedance/99.0.0'
        New-Item -ItemType Directory -Path (Split-Path $copy) -Force | Out-Null
        Copy-Item -Path $module -Destination $copy -Recurse
        $manifest = Join-Path $copy 'Seedance.psd1'
        $text = (Get-Content -LiteralPath $manifest -Raw) -replace "ModuleVersion(\s*)=\s*'[^']*'", "ModuleVersion`$1= '99.0.0'"
        Set-Content -LiteralPath $manifest -Value $text -Encoding UTF8

        $child = Invoke-TestShell -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $module 'Seedance.psd1')'
Remove-Module Seedance
Import-Module '$manifest'
'VERSION ' + (Get-Module Seedance).Version
'COMMAND ' + (Get-Command Get-SeedanceConfiguration).Source
'TYPE ' + [Seedance.SeedanceTask].FullName
"@

        $child.Error | Should -BeNullOrEmpty
        $child.ExitCode | Should -Be 0
        $child.Output | Should -Match 'VERSION 99\.0\.0'
        $child.Output | Should -Match 'COMMAND Seedance'
        $child.Output | Should -Match 'TYPE Seedance\.SeedanceTask'
    }
}
