package dev.omnibridge.bot.scenario;

/** The knowledge-base fallback. Nulls mean "not written"; {@link ScenarioCompiler} applies the defaults. */
public class KnowledgeBaseSection {

    private Boolean enabled;
    private Integer results;
    private Integer excerptChars;
    private Text intro;
    private Double minRelevance;

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
    public Text getIntro() {
        return intro;
    }

    public void setIntro(Text intro) {
        this.intro = intro;
    }

    /** Share of the question's significant words an article must contain to be sent (0-1). */
    public Double getMinRelevance() {
        return minRelevance;
    }

    public void setMinRelevance(Double minRelevance) {
        this.minRelevance = minRelevance;
    }
}
