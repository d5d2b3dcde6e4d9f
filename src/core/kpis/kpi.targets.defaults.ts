/**
 * SEC10-BP08 Step 5 "Incident Learning Metrics", verbatim: the built-in targets, and the shape a targets file
 * takes. Kept as text so the default is parsed by the same code as a user's file.
 */
export const DEFAULT_TARGETS_YAML = `# Incident Learning Metrics
learning_metrics:
  
  # Process Metrics
  process_effectiveness:
    - metric: "Post-incident review completion rate"
      target: "100%"
      description: "Percentage of incidents with completed post-incident reviews"
      
    - metric: "Average time to post-incident review"
      target: "< 5 business days"
      description: "Time from incident closure to completed review"
      
    - metric: "Lessons learned implementation rate"
      target: "> 90%"
      description: "Percentage of identified improvements that are implemented"
  
  # Quality Metrics
  learning_quality:
    - metric: "Root cause identification rate"
      target: "100%"
      description: "Percentage of incidents with identified root causes"
      
    - metric: "Repeat incident rate"
      target: "< 5%"
      description: "Percentage of incidents that are repeats of previous incidents"
      
    - metric: "Improvement effectiveness score"
      target: "> 8/10"
      description: "Stakeholder rating of improvement effectiveness"
  
  # Outcome Metrics
  security_improvement:
    - metric: "Mean time to detection (MTTD)"
      target: "Decreasing trend"
      description: "Average time from incident occurrence to detection"
      
    - metric: "Mean time to containment (MTTC)"
      target: "Decreasing trend"
      description: "Average time from detection to containment"
      
    - metric: "Incident severity distribution"
      target: "Shift toward lower severity"
      description: "Distribution of incidents by severity level"
`;
