#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'Set-SeedanceConfiguration -BaseUri' {
    It 'refuses <Uri>, naming -BaseUri, and keeps the base URI it had' -ForEach @(
        @{ Uri = 'ftp://seedance.example.test/' }
        @{ Uri = 'file:///tmp/seedance' }
        @{ Uri = 'seedance.example.test' }
    ) {
        Set-SeedanceConfiguration -BaseUri 'http://127.0.0.1:5080/'

        { Set-SeedanceConfiguration -BaseUri $Uri -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*parameter 'BaseUri'*not an absolute http or https URI*"
        (Get-SeedanceConfiguration).BaseUri | Should -Be ([uri]'http://127.0.0.1:5080/')
    }
}
