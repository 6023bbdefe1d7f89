package dev.omnibridge.bot.scenario;

/** The knowledge-base fallback. Nulls mean "not written"; {@link ScenarioCompiler} applies the defaults. */
public class KnowledgeBaseSection {

    private Boolean enabled;
    private Integer results;
    private Integer excerptChars;
    private String intro;

    /** Default true when the section is present. */
    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /** Articles per answer, 1–10 (default 1). */
    public Integer getResults() {
        return results;
    }

    public void setResults(Integer results) {
        this.results = results;
    }

    /** Article text shown per article; 0 = title and link only (default 300). */
    public Integer getExcerptChars() {
        return excerptChars;
    }

    public void setExcerptChars(Integer excerptChars) {
        this.excerptChars = excerptChars;
    }

    /** Text before the articles; optional. */
    public String getIntro() {
        return intro;
    }

    public void setIntro(String intro) {
        this.intro = intro;
    }
}
