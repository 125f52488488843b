#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1'
    Import-Module $manifest -Force -ErrorAction Stop
    $constraints = 'stable faces', 'natural motion', 'no deformation', 'no watermark', 'no logo', 'no subtitles'
}

Describe 'New-SeedancePrompt' {
    It 'writes each part as its own labelled line in director order' {
        $p = New-SeedancePrompt -Style 'documentary' -Camera 'slow dolly-in' -Scene 'a birch forest' -Action 'trots through snow' -Subject 'a red fox'
        $p.Prompt -split "`n" | Should -Be @(
            'Subject: a red fox.'
            'Action: trots through snow.'
            'Scene: a birch forest.'
            'Camera: slow dolly-in.'
            'Style: documentary.'
            "Constraints: $($constraints -join ', ')."
        )
    }

    It 'numbers the shots in order' {
        $p = New-SeedancePrompt -Subject 'a keeper' -Shot 'Wide', 'Close' -NoConstraints
        $p.Prompt | Should -Be "Subject: a keeper.`nShots, in order:`n1. Wide.`n2. Close."
    }

    It 'drops only no subtitles with -AllowSubtitles and the whole package with -NoConstraints' {
        (New-SeedancePrompt -Subject 'a fox' -AllowSubtitles).Prompt | Should -Not -Match 'no subtitles'
        (New-SeedancePrompt -Subject 'a fox' -AllowSubtitles).Prompt | Should -Match 'no logo'
        (New-SeedancePrompt -Subject 'a fox' -NoConstraints).Prompt | Should -Be 'Subject: a fox.'
    }

    It 'starts an edit with the strict edit instruction' {
        $p = New-SeedancePrompt -Edit -Action 'replace the sky' -MediaUrl 'https://cdn.example.com/v.mp4' -MediaRole SourceVideo
        $p.Prompt | Should -BeLike 'Strictly edit the supplied source video*'
        $p.Mode | Should -Be 'media-to-video'
    }

    It 'starts an extension with the continue instruction' {
        $p = New-SeedancePrompt -Extend -Action 'the boat spins' -MediaUrl 'https://cdn.example.com/v.mp4' -MediaRole PreviousClip
        $p.Prompt | Should -BeLike 'Continue from the supplied previous clip*'
    }

    It 'describes asset roles in words and keeps the URLs out of the prompt' {
        $p = New-SeedancePrompt -Subject 'a dancer' -ImageUrl 'https://cdn.example.com/s.png' -EndImageUrl 'https://cdn.example.com/e.png' -MediaUrl 'https://cdn.example.com/c.png', 'https://cdn.example.com/m.mp4' -MediaRole Character, Motion
        $p.Prompt | Should -Match 'opening frame'
        $p.Prompt | Should -Match 'closing frame'
        $p.Prompt | Should -Match 'Reference 1 is the character'
        $p.Prompt | Should -Match 'Reference 2 is the motion reference'
        $p.Prompt | Should -Not -Match 'https://'
        $p.MediaUrl | Should -Be @('https://cdn.example.com/c.png', 'https://cdn.example.com/m.mp4')
    }

    It 'reports a broken part as a non-terminating error and emits nothing' {
        $p = New-SeedancePrompt -Subject 'a fox' -ImageUrl 'http://cdn.example.com/a.png' -ErrorVariable failures -ErrorAction SilentlyContinue
        $p | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.InvalidParameter*'
    }

    It 'warns about <Text> and still emits the prompt' -ForEach @(
        @{ Text = '@图片1' }
        @{ Text = '@image1' }
        @{ Text = 'asset://a1b2c3' }
    ) {
        $p = New-SeedancePrompt -Subject "keep $Text as the hero" -WarningVariable warnings -WarningAction SilentlyContinue
        $p | Should -Not -BeNullOrEmpty
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match ([regex]::Escape($Text))
    }

    It 'makes one prompt per pipeline row, bound by property name' {
        $rows = @(
            [pscustomobject]@{ Subject = 'a paper boat'; Action = 'drifts' }
            [pscustomobject]@{ Subject = 'a glass train'; Action = 'crosses a bridge' }
        )
        $prompts = $rows | New-SeedancePrompt -NoConstraints
        $prompts.Prompt | Should -Be @("Subject: a paper boat.`nAction: drifts.", "Subject: a glass train.`nAction: crosses a bridge.")
    }

    It 'has help with a synopsis and examples' {
        $help = Get-Help New-SeedancePrompt -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}
