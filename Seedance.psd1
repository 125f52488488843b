@{
    RootModule           = 'Seedance.psm1'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f1f6c1e-3a53-4f0e-9a57-5eedda2ce0d1'
    Author               = 'Seedance contributors'
    CompanyName          = 'Seedance contributors'
    Copyright            = '(c) Seedance contributors. All rights reserved.'
    Description          = 'Generate videos with the Seedance 2 API: typed tasks on the pipeline, -WhatIf, the key in SecretManagement, no double charges, no lost tasks.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Loaded by PowerShell before Seedance.psm1 runs: the psm1 then makes no reflective call to find or load it.
    RequiredAssemblies   = @('Seedance.Loader.dll')
    FormatsToProcess     = @('Seedance.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Clear-SeedanceJournal'
        'Get-SeedanceConfiguration'
        'Get-SeedanceCreditUsage'
        'Get-SeedanceTask'
        'New-SeedancePrompt'
        'New-SeedanceVideo'
        'Remove-SeedanceApiKey'
        'Resume-SeedanceTask'
        'Save-SeedanceVideo'
        'Set-SeedanceApiKey'
        'Set-SeedanceConfiguration'
        'Wait-SeedanceTask'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Seedance', 'Video', 'AI', 'API', 'GenerativeAI', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/seedance-powershell/Seedance'
            LicenseUri   = 'https://github.com/seedance-powershell/Seedance/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. New-SeedanceVideo, Get-SeedanceTask, Wait-SeedanceTask, Save-SeedanceVideo, New-SeedancePrompt, API key in SecretManagement, retries that never pay twice, a task journal, PowerShell 5.1 and 7.4+. See CHANGELOG.md.'
        }
    }
}
